import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fixturePath, FIXTURE_FILES } from '../../fixtures/checks/make-fixtures';

/** A committed fixture file as the UI would hand it over: bytes and file name. */
export function fixture(name: keyof typeof FIXTURE_FILES): { bytes: Uint8Array; fileName: string } {
  return { bytes: new Uint8Array(readFileSync(fixturePath(name))), fileName: name };
}

/** SHA-256 computed independently of the code under test (node:crypto). */
export function nodeSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

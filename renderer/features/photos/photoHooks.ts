import { useEffect, useMemo, useState } from 'react';
import type { BlobKind } from '../../../shared/photos/links';
import { useSession } from '../../store/sessionStore';
import { PhotoRepository } from './photoRepository';

export function usePhotoRepository(): PhotoRepository {
  const { db, logger } = useSession();
  return useMemo(() => new PhotoRepository(db, logger), [db, logger]);
}

/** An object URL for a stored thumbnail or copy, revoked when no longer shown. */
export function usePhotoUrl(repo: PhotoRepository, photoId: string, kind: BlobKind, version = ''): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    repo.blob(photoId, kind).then((b) => {
      if (!alive || !b) return;
      made = URL.createObjectURL(b);
      setUrl(made);
    });
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [repo, photoId, kind, version]);
  return url;
}

/** "2024-06-12 10:23" from a local `YYYY-MM-DDTHH:mm:ss`. */
export function shortLocal(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** A stored ISO (UTC) instant as the inspector's local time. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

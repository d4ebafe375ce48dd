// `npm run server` starts the office sync server; `npm run server -- <command>` runs an admin command (server/cli.ts).
import { DEFAULT_PORT } from '../shared/sync/server/protocol';
import { createServer } from './app';
import { runCli } from './cli';

const args = process.argv.slice(2);
if (args.length && args[0] !== 'serve') {
  process.exitCode = await runCli(args);
} else {
  const dataDir = process.env.DATA_DIR || './server-data';
  const server = await createServer({
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    host: process.env.HOST || '127.0.0.1',
    port: process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT,
    logger: true,
  });
  console.log(JSON.stringify({ level: 30, time: Date.now(), msg: `office sync server listening on ${server.url} (${process.env.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${dataDir}`})` }));
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(() => process.exit(0));
    });
  }
}

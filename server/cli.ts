import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backup, check, restore } from './admin';
import { LOCK_FILE, openStore, processAlive } from './app';
import { ServerError } from './errors';
import type { Store } from './store';

/**
 * `npm run server -- <command>`: the operator's commands. They open the same
 * storage as the server (DATA_DIR, or DATABASE_URL for PostgreSQL). On the embedded
 * database the server must be stopped first (one process at a time); on PostgreSQL
 * they run beside it.
 */
export interface CliEnv {
  dataDir: string;
  databaseUrl?: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export const HELP = `办公室同步服务器管理命令 / office sync server admin commands

  npm run server                                   启动服务器 / start the server (HOST, PORT, DATA_DIR, DATABASE_URL)
  npm run server -- create-office --roster <file>  用管理员导出的已签名人员名单建立办公室 / create an office from the roster the 管理员 exported
  npm run server -- roster --file <file>           上传更新的人员名单（新增人员、电脑或吊销）/ store a newer signed roster (members, laptops, revocations)
  npm run server -- enrol-code --device <id> [--days 7]   为一台电脑生成一次性注册码 / print a one-time enrolment code
  npm run server -- revoke --device <id>           吊销一台电脑的服务器访问 / cut a laptop off the server
  npm run server -- offices                        列出办公室 / list offices
  npm run server -- devices                        列出电脑及其状态 / list laptops and their state
  npm run server -- audit [--limit 50]             查看审计日志 / show the audit log
  npm run server -- backup --out <dir>             备份数据库与照片文件 / back up the database and photo files
  npm run server -- restore --from <dir>           从备份恢复（服务器纪元改变，各电脑将重新同步）/ restore (new epoch: laptops resync)
  npm run server -- check [--deep]                 检查数据库与照片文件 / check the database and photo files

  --office <id> 可省略，当服务器上只有一个办公室时 / may be left out when the server holds one office.`;

function flags(args: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = true;
  }
  return out;
}

class CliError extends Error {}

function readJson(path: string | true | undefined, what: string): unknown {
  if (typeof path !== 'string') throw new CliError(`请用 --${what === '人员名单' ? 'roster/--file' : 'file'} 指定文件 / name the file`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CliError(`无法读取${what}文件（不是 JSON 或不存在）/ cannot read the file: ${path}`);
  }
}

/** A signed roster, or one inside a file that carries it (an 入网文件). */
function rosterOf(value: unknown): unknown {
  const v = value as { format?: string; roster?: unknown };
  return v && v.format === 'zwgk-enrolment' ? v.roster : value;
}

async function officeId(store: Store, f: Record<string, string | true>): Promise<string> {
  if (typeof f.office === 'string') return f.office;
  const offices = await store.listOffices();
  if (offices.length === 1) return offices[0].id;
  if (!offices.length) throw new CliError('服务器上还没有办公室，请先运行 create-office / no office yet: run create-office first');
  throw new CliError(`服务器上有 ${offices.length} 个办公室，请用 --office 指定：${offices.map((o) => o.id).join('、')} / name one with --office`);
}

export async function runCli(args: string[], env: CliEnv = { dataDir: process.env.DATA_DIR || './server-data', databaseUrl: process.env.DATABASE_URL || undefined }): Promise<number> {
  const out = env.out ?? ((l: string) => console.log(l));
  const err = env.err ?? ((l: string) => console.error(l));
  const [command, ...rest] = args;
  const f = flags(rest);
  const known = ['create-office', 'roster', 'enrol-code', 'revoke', 'offices', 'devices', 'audit', 'backup', 'restore', 'check'];
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    return 0;
  }
  if (!known.includes(command)) {
    err(`不认识的命令「${command}」/ unknown command\n\n${HELP}`);
    return 2;
  }
  if (!env.databaseUrl) {
    const lock = join(env.dataDir, LOCK_FILE);
    const pid = existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) : 0;
    if (pid && processAlive(pid)) {
      err(`服务器正在运行（进程 ${pid}），内置数据库一次只能由一个进程打开：请先停止服务器再执行此命令 / the server is running on this data folder: stop it first`);
      return 1;
    }
  }
  let store: Store | null = null;
  try {
    store = await openStore(env);
    switch (command) {
      case 'create-office': {
        const r = await store.createOffice(rosterOf(readJson(f.roster ?? f.file, '人员名单')));
        out(`已建立办公室「${r.officeName}」（${r.officeId}），人员名单第 ${r.version} 版 / office created`);
        break;
      }
      case 'roster': {
        const id = await officeId(store, f);
        const r = await store.putRoster(id, rosterOf(readJson(f.file ?? f.roster, '人员名单')));
        out(r.changed ? `已更新人员名单为第 ${r.version} 版${r.revoked.length ? `；已吊销：${r.revoked.join('、')}` : ''} / roster stored` : `服务器上已是这份名单（第 ${r.version} 版），未改变 / unchanged`);
        break;
      }
      case 'enrol-code': {
        if (typeof f.device !== 'string') throw new CliError('请用 --device 指定电脑编号 / name the laptop with --device');
        const days = f.days === undefined ? 7 : Number(f.days);
        if (!Number.isFinite(days) || days <= 0 || days > 90) throw new CliError('--days 须为 1 到 90 之间的天数 / --days must be 1 to 90');
        const id = await officeId(store, f);
        const r = await store.makeEnrolCode(id, f.device, days * 24 * 60 * 60 * 1000);
        out(`注册码 / enrolment code: ${r.code}`);
        out(`电脑 / laptop: ${r.deviceName}（${r.memberName}），有效至 / valid until ${new Date(r.expiresAt).toLocaleString('zh-CN', { hour12: false })}，只能使用一次 / one use`);
        break;
      }
      case 'revoke': {
        if (typeof f.device !== 'string') throw new CliError('请用 --device 指定电脑编号 / name the laptop with --device');
        const id = await officeId(store, f);
        const done = await store.revokeDevice(id, f.device);
        out(done ? `已吊销 ${f.device} 的服务器访问；请管理员也在程序中吊销这台电脑，使其签名不再被接受 / revoked on the server` : `${f.device} 没有有效的注册（未注册或已吊销）/ no active enrolment`);
        break;
      }
      case 'offices': {
        const list = await store.listOffices();
        if (!list.length) out('服务器上还没有办公室 / no office yet');
        for (const o of list) out(`${o.id}\t${o.name}\t人员名单第 ${o.rosterVersion} 版\t修改记录 ${o.entries} 条\t已注册电脑 ${o.devices} 台`);
        break;
      }
      case 'devices': {
        const id = await officeId(store, f);
        for (const d of await store.devices(id)) out(`${d.deviceId}\t${d.name}\t${d.member}\t${d.state}${d.lastSeen ? `\t最近同步 ${new Date(d.lastSeen).toLocaleString('zh-CN', { hour12: false })}` : ''}`);
        break;
      }
      case 'audit': {
        const id = await officeId(store, f);
        const limit = f.limit === undefined ? 50 : Number(f.limit);
        for (const l of await store.auditLog(id, Number.isInteger(limit) && limit > 0 ? limit : 50)) out(`${new Date(l.at).toLocaleString('zh-CN', { hour12: false })}\t${l.deviceId}\t${l.action}\t${JSON.stringify(l.detail)}`);
        break;
      }
      case 'backup': {
        if (typeof f.out !== 'string') throw new CliError('请用 --out 指定备份目录 / name the folder with --out');
        const m = await backup(store, env.dataDir, f.out);
        out(`已备份到 ${f.out}：修改记录 ${m.rows.entries} 条，照片文件 ${m.blobFiles} 个 / backup written`);
        break;
      }
      case 'restore': {
        if (typeof f.from !== 'string') throw new CliError('请用 --from 指定备份目录 / name the folder with --from');
        const r = await restore(store, env.dataDir, f.from);
        out(`已从 ${r.manifest.createdAt} 的备份恢复；服务器纪元已改变（${r.epoch}），各电脑下次同步时会重新完整同步并补传备份之后的修改 / restored: laptops will resync`);
        break;
      }
      case 'check': {
        const r = await check(store, env.dataDir, f.deep === true);
        for (const o of r.offices) out(`${o.id}\t${o.name}\t修改记录 ${o.entries} 条\t序号 ${o.lastSeq}\t照片文件 ${o.blobs} 个`);
        if (!r.problems.length) out('检查完毕，未发现问题 / no problems found');
        else {
          for (const p of r.problems) err(`问题 / problem: ${p}`);
          return 1;
        }
        break;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof CliError || e instanceof ServerError || e instanceof Error) err((e as Error).message);
    return 1;
  } finally {
    await store?.close();
  }
}

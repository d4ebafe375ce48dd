export async function runCli(args: string[]): Promise<number> {
  console.error(`unknown command ${args[0]}`);
  return 2;
}

/* The rendered nftables table, loaded into and removed from the network namespace this process runs in. */
import { execFileSync, spawnSync } from 'node:child_process';

/** True when table inet <name> exists here. */
export function nftTableExists(name: string): boolean {
  return spawnSync('nft', ['list', 'table', 'inet', name], { stdio: 'ignore' }).status === 0;
}

/** Loads an `nft -f` script (the rendered firewall), atomically: nft applies all of it or nothing. */
export function loadNftScript(script: string): void {
  try {
    execFileSync('nft', ['-f', '-'], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`nft refused the rendered firewall: ${stderr || (err as Error).message}`);
  }
}

/** Removes table inet <name> if it exists; never throws (cleanup must go on). */
export function deleteNftTable(name: string): void {
  spawnSync('nft', ['delete', 'table', 'inet', name], { stdio: 'ignore' });
}

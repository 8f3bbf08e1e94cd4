import { IngressSource } from '../model/network';
import { ExposureRow } from './types';

/** Exposure rows of one group, protocol and port range, joined: their sources together, in order, once each. */
export function groupExposure(exposure: readonly ExposureRow[]): Array<{ row: ExposureRow; sources: IngressSource[] }> {
  const merged = new Map<string, { row: ExposureRow; sources: IngressSource[] }>();
  for (const row of exposure) {
    const key = `${row.securityGroup}|${row.protocol}|${row.ports}`;
    const entry = merged.get(key) ?? { row, sources: [] };
    for (const source of row.sources) {
      if (!entry.sources.some((s) => JSON.stringify(s) === JSON.stringify(source))) entry.sources.push(source);
    }
    entry.row = { ...entry.row, public: entry.row.public || row.public };
    merged.set(key, entry);
  }
  return [...merged.values()];
}

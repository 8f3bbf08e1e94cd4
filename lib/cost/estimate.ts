import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { packageRoot } from '../package-root';

interface PriceTable {
  readonly date: string;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly instanceHourly: Readonly<Record<string, number>>;
  readonly gp3GiBMonth: number;
  readonly publicIpv4Hourly: number;
  readonly secretMonth: number;
  /** A customer managed KMS key (the stack's logs and alarm topic). */
  readonly kmsKeyMonth: number;
  /** A standard-resolution CloudWatch alarm. */
  readonly alarmMonth: number;
}

/** Alarms FtpAlarms makes. */
export const ALARM_COUNT = 4;

export interface CostLine {
  readonly item: string;
  /** undefined when the price table does not know it. */
  readonly monthly?: number;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly total: number;
  /** True when some line has no price: the total is then a lower bound. */
  readonly incomplete: boolean;
  readonly priceDate: string;
  readonly note: string;
}

/** Root volume size the launch template asks for (the Debian image's own). */
export const ROOT_VOLUME_GIB = 8;

export function loadPriceTable(): PriceTable {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'data', 'prices.json'), 'utf8'));
}

/** The monthly cost of what deploy creates: instance, volumes, Elastic IP, secrets, KMS key, alarms. Usage is extra. */
export function estimateMonthlyCost(config: FtpKitConfig, prices: PriceTable = loadPriceTable()): CostEstimate {
  const hourly = prices.instanceHourly[config.instance.type];
  const lines: CostLine[] = [
    { item: `EC2 ${config.instance.type} (on demand, 24/7)`, monthly: hourly === undefined ? undefined : hourly * prices.hoursPerMonth },
    {
      item: `EBS gp3 ${config.storage.sizeGiB} GiB data + ${ROOT_VOLUME_GIB} GiB root`,
      monthly: (config.storage.sizeGiB + ROOT_VOLUME_GIB) * prices.gp3GiBMonth,
    },
    { item: 'Elastic IP (public IPv4)', monthly: prices.publicIpv4Hourly * prices.hoursPerMonth },
    {
      item: `Secrets Manager, ${config.users.length} secret${config.users.length === 1 ? '' : 's'}`,
      monthly: config.users.length * prices.secretMonth,
    },
    { item: 'KMS key (logs and alarm topic)', monthly: prices.kmsKeyMonth },
    { item: `CloudWatch, ${ALARM_COUNT} alarms`, monthly: ALARM_COUNT * prices.alarmMonth },
  ];
  const total = lines.reduce((sum, line) => sum + (line.monthly ?? 0), 0);
  const incomplete = lines.some((line) => line.monthly === undefined);
  const region = config.region === 'us-east-1' ? '' : ` (${config.region} usually costs somewhat more)`;
  return {
    lines,
    total,
    incomplete,
    priceDate: prices.date,
    note: `us-east-1 list prices of ${prices.date}${region}; data transfer out, log ingestion and snapshot storage are billed extra.`,
  };
}

export function formatCost(estimate: CostEstimate): string {
  const money = (n?: number) => (n === undefined ? 'unknown (not in data/prices.json)' : `$${n.toFixed(2)}`);
  return [
    ...estimate.lines.map((line) => `  ${line.item.padEnd(48)} ${money(line.monthly)}`),
    `  ${'total per month'.padEnd(48)} ${estimate.incomplete ? '≥ ' : ''}${money(estimate.total)}`,
    `  ${estimate.note}`,
  ].join('\n');
}

/*
 * The package as a platform engineer uses it: `npm pack`, then a fresh cdktf TypeScript app (CommonJS,
 * as cdktf's own template) in a temporary folder installs the tarball beside its own cdktf, constructs
 * and provider, type-checks with `strict`, and synthesizes with plain node into its own subnet.
 * dist/ comes from jest's global setup (the build `prepack` runs): packing with scripts would rebuild
 * dist/ under the feet of the other test files that run the CLI at the same time.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const APP_TS = `
import { App, Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { FtpServer, FtpServerProps, PolicyChecks, validateConfig } from 'ftp-kit';

class HostStack extends TerraformStack {
  readonly server: FtpServer;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const vpc = new Vpc(this, 'HostVpc', { cidrBlock: '10.7.0.0/16' });
    const subnet = new Subnet(this, 'HostSubnet', { vpcId: vpc.id, cidrBlock: '10.7.1.0/24', availabilityZone: 'eu-west-1a' });
    const config = validateConfig({
      name: 'host-ftp',
      region: 'eu-west-1',
      allow: ['198.51.100.0/24'],
      users: [{ name: 'partner1', write: true }],
    });
    const props: FtpServerProps = { config, vpcId: vpc.id, subnetId: subnet.id, availabilityZone: 'eu-west-1a' };
    this.server = new FtpServer(this, 'Ftp', props);
    Aspects.of(this).add(new PolicyChecks({
      acknowledgements: [
        {
          rule: 'FTPKIT-DESTRUCTIVE-CHANGE',
          resource: 'aws_ebs_volume.Ftp_Data_Volume',
          reason: 'a library user acknowledges one resource',
        },
      ],
    }));
  }
}

const app = new App({ outdir: process.argv[2], skipValidation: true });
new HostStack(app, 'host');
app.synth();
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2020',
    module: 'commonjs',
    lib: ['ES2020'],
    strict: true,
    noImplicitReturns: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'dist',
    rootDir: '.',
  },
  include: ['main.ts'],
};

/** Every installed copy of `name` below `dir` (nested node_modules included). */
function copiesOf(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string, depth: number) => {
    if (depth > 8) return;
    let entries: string[];
    try {
      entries = readdirSync(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      const scoped = entry.startsWith('@') ? readdirSync(path.join(modules, entry)).map((e) => `${entry}/${e}`) : [entry];
      for (const pkg of scoped) {
        const pkgDir = path.join(modules, pkg);
        if (pkg === name) found.push(pkgDir);
        walk(path.join(pkgDir, 'node_modules'), depth + 1);
      }
    }
  };
  walk(path.join(dir, 'node_modules'), 0);
  return found;
}

describe('the packed package in a fresh cdktf app', () => {
  let dir: string;
  let tarball: string;
  let entries: string[];
  let app: string;
  let stack: { resource: Record<string, Record<string, Record<string, unknown>>>; locals?: unknown };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-pack-'));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(dir, packed.filename);
    entries = packed.files.map((f) => f.path);

    app = path.join(dir, 'app');
    mkdirSync(app);
    const peers = MANIFEST.peerDependencies as Record<string, string>;
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'host-app',
          version: '1.0.0',
          private: true,
          dependencies: { ...peers, 'ftp-kit': `file:${tarball}` },
          devDependencies: { '@types/node': MANIFEST.devDependencies['@types/node'] },
        },
        null,
        2,
      ),
    );
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(path.join(app, 'main.ts'), APP_TS);
    // The packages are in npm's cache already (the repo's own install): no registry round trip needed.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: app,
      maxBuffer: 16 * 1024 * 1024,
    });
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app });
    await run(process.execPath, [path.join(app, 'dist', 'main.js'), path.join(app, 'cdktf.out')], {
      cwd: app,
      env: { PATH: process.env.PATH },
    });
    stack = JSON.parse(readFileSync(path.join(app, 'cdktf.out', 'stacks', 'host', 'cdk.tf.json'), 'utf8'));
  }, 300000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN the tarball holds the compiled JS with its .d.ts, templates, schema and data, and no test file', () => {
    for (const file of [
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/bin/ftp-kit.js',
      'templates/vsftpd.conf.mustache',
      'schema/ftp-kit.schema.json',
      'data/prices.json',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.filter((f) => /(^|\/)(test|__tests__)\/|\.test\.|\.spec\./.test(f))).toEqual([]);
    expect(entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('THEN the app type-checked under strict and synthesized the server into its own subnet and VPC', () => {
    const instances = Object.values(stack.resource.aws_instance ?? {});
    expect(instances).toHaveLength(1);
    expect(instances[0].subnet_id).toBe('${aws_subnet.HostSubnet.id}');
    expect(Object.values(stack.resource.aws_security_group)[0].vpc_id).toBe('${aws_vpc.HostVpc.id}');
    expect(Object.keys(stack.resource.aws_vpc)).toEqual(['HostVpc']);
    // Templates rendered from the installed package (lib/package-root.ts finds them): vsftpd's config is in the user-data.
    expect(JSON.stringify(stack)).toContain('pasv_min_port=40000');
  });

  test('THEN the app holds one copy of constructs and of cdktf: the package brings none of its own', () => {
    expect(copiesOf(app, 'constructs')).toEqual([path.join(app, 'node_modules', 'constructs')]);
    expect(copiesOf(app, 'cdktf')).toEqual([path.join(app, 'node_modules', 'cdktf')]);
    expect(copiesOf(app, '@cdktf/provider-aws')).toEqual([path.join(app, 'node_modules', '@cdktf', 'provider-aws')]);
  });

  test('THEN its `ftp-kit` command runs from the installed package', async () => {
    const { stdout } = await run(path.join(app, 'node_modules', '.bin', 'ftp-kit'), ['--version'], { cwd: app });
    expect(stdout.trim()).toBe(MANIFEST.version);
  });

  test('THEN packing builds first: prepack runs the build that emits dist/ (no prepare script a consumer would need)', () => {
    expect(MANIFEST.scripts.prepack).toMatch(/\bbuild\b/);
    expect(MANIFEST.scripts.prepare).toBeUndefined();
    expect(MANIFEST.scripts.build).toMatch(/tsgo -p tsconfig\.build\.json/);
  });
});

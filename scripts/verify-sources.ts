/**
 * Proves that the sources archive made by `wxt zip -b firefox` rebuilds exactly the add-on we ship
 * (Mozilla's reviewers rebuild it): unpack it into an empty folder, install from the lockfile,
 * build, and compare every output file with `.output/firefox-mv2` byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const { name, version } = JSON.parse(await readFile('package.json', 'utf8')) as {
  name: string;
  version: string;
};
const archive = `.output/${name}-${version}-sources.zip`;
const shipped = '.output/firefox-mv2';

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

async function fileHashes(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hashes.set(
      relative(dir, path),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return hashes;
}

const workDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-sources-'));
try {
  run('unzip', ['-q', join(process.cwd(), archive), '-d', workDir], process.cwd());
  run('npm', ['ci', '--no-audit', '--no-fund'], workDir);
  run('npx', ['wxt', 'build', '-b', 'firefox'], workDir);

  const expected = await fileHashes(shipped);
  const rebuilt = await fileHashes(join(workDir, shipped));
  const differences = [...new Set([...expected.keys(), ...rebuilt.keys()])]
    .filter((file) => expected.get(file) !== rebuilt.get(file))
    .sort();
  if (differences.length > 0) {
    console.error(`The sources archive does not rebuild the same add-on. Different files:`);
    for (const file of differences) console.error(`  ${file}`);
    process.exitCode = 1;
  } else {
    console.log(`${archive} rebuilds ${shipped} identically (${expected.size} files).`);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { request } from 'node:https';
import type { Simulator } from '../simulator/index';

/**
 * Downloads a simulator URL to `file` the way a command-line user would, and returns the seconds
 * it took: the system curl (mapping the host to the simulator, -k for its test certificate), or a
 * plain Node https client when curl is missing.
 */
export async function timedCurl(
  sim: Simulator,
  url: string,
  token: string,
  file: string,
): Promise<number> {
  const started = performance.now();
  if (existsSync('/usr/bin/curl')) {
    const { host } = new URL(url);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('curl', [
        '-sSfk',
        '--connect-to',
        `${host}:443:127.0.0.1:${sim.port}`,
        '-H',
        `Authorization: Bearer ${token}`,
        '-o',
        file,
        url,
      ]);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl ${code}`))));
      child.on('error', reject);
    });
  } else {
    await new Promise<void>((resolve, reject) => {
      const target = new URL(url);
      const req = request(
        {
          host: '127.0.0.1',
          port: sim.port,
          servername: target.hostname,
          path: target.pathname + target.search,
          headers: { host: target.host, authorization: `Bearer ${token}` },
          ca: sim.certificate,
        },
        (response) => {
          const out = createWriteStream(file);
          response.pipe(out);
          out.on('finish', resolve);
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
  return (performance.now() - started) / 1000;
}

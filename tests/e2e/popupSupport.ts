import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simulatorFetch } from '../simulator/fetch';
import type { Simulator } from '../simulator/index';

/** A fresh token for the demo user, got the way a script or an SSO user would get one. */
export async function signInToSimulator(simulator: Simulator): Promise<string> {
  const { demo } = simulator;
  const response = await simulatorFetch(simulator)(`https://${demo.host}/io/reporting/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demo.email, password: demo.password, accountName: demo.account }),
  });
  return ((await response.json()) as { token: string }).token;
}

type LoggedRequest = Simulator['requests'][number];

/**
 * The one export of this report the extension made, as the simulator logged it. In Firefox a direct
 * download is followed by one request for the same URL that confirms its end (lib/jobs/downloads.ts).
 */
export function exportRequest(
  simulator: Simulator,
  reportPath: string,
  pick: (requests: LoggedRequest[]) => LoggedRequest[] = (requests) => requests,
): LoggedRequest {
  const requests = pick(
    simulator.requests.filter((r) => r.path === `/io/reporting/export/${reportPath}`),
  );
  const [download, confirmation, ...more] = requests;
  const query = (r?: LoggedRequest) => JSON.stringify(r?.query);
  if (!download || more.length > 0 || (confirmation && query(confirmation) !== query(download))) {
    throw new Error(`Expected one export of ${reportPath}, got ${requests.length} requests`);
  }
  return download;
}

/** Checks the saved file is byte for byte what the simulator serves for the same request. */
export async function expectFileAsServed(
  simulator: Simulator,
  downloadDir: string,
  fileName: string,
  reportPath: string,
  pick?: (requests: LoggedRequest[]) => LoggedRequest[],
): Promise<Buffer> {
  const request = exportRequest(simulator, reportPath, pick);
  const query = new URLSearchParams(request.query).toString();
  const expected = await simulator.body(`${request.path}?${query}`);
  const onDisk = await readFile(join(downloadDir, fileName));
  if (!onDisk.equals(expected)) {
    throw new Error(
      `${fileName} (${onDisk.length} bytes) differs from what LeanKit serves (${expected.length} bytes)`,
    );
  }
  return onDisk;
}

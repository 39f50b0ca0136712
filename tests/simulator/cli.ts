/**
 * `npm run simulator`: runs the simulator for humans (manual testing with a real browser).
 * Options: --port N (default 8443), --seed N, --boards N, --cards-per-board N, --token-lifetime S,
 * and the §10 switches --column-headers ids|labels, --quote-all true|false,
 * --auth-expires iso|epoch-seconds|absent, --booleans lowercase|capitalized|numeric,
 * --content-disposition. Faults are switched at run time over HTTP (see README).
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index';

const USAGE =
  'Usage: npm run simulator -- [--port 8443] [--seed 1] [--boards 3] [--cards-per-board 40] [--token-lifetime 600]' +
  ' [--column-headers ids|labels] [--quote-all true|false] [--auth-expires iso|epoch-seconds|absent]' +
  ' [--booleans lowercase|capitalized|numeric] [--content-disposition]';

function choiceOption<T extends string>(
  values: Record<string, string | boolean | undefined>,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const choice = choices.find((candidate) => candidate === value);
  if (!choice) throw new Error(`--${name} needs one of ${choices.join(', ')}`);
  return choice;
}

function integerOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new Error(`--${name} needs a non-negative integer`);
  }
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      boards: { type: 'string' },
      'cards-per-board': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'column-headers': { type: 'string' },
      'quote-all': { type: 'string' },
      'auth-expires': { type: 'string' },
      booleans: { type: 'string' },
      'content-disposition': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const quoteAll = choiceOption(values, 'quote-all', ['true', 'false'] as const);
  const sim = await startSimulator({
    port: integerOption(values, 'port') ?? 8443,
    seed: integerOption(values, 'seed'),
    boards: integerOption(values, 'boards'),
    cardsPerBoard: integerOption(values, 'cards-per-board'),
    tokenLifetimeSeconds: integerOption(values, 'token-lifetime'),
    columnHeaders: choiceOption(values, 'column-headers', ['ids', 'labels'] as const),
    quoteAll: quoteAll === undefined ? undefined : quoteAll === 'true',
    authExpires: choiceOption(values, 'auth-expires', ['iso', 'epoch-seconds', 'absent'] as const),
    booleans: choiceOption(values, 'booleans', ['lowercase', 'capitalized', 'numeric'] as const),
    contentDisposition: values['content-disposition'] === true ? true : undefined,
  });
  const origin = `https://${sim.demo.host}`;
  const port = sim.port;
  console.log(`LeanKit Reporting API simulator on https://127.0.0.1:${port}`);
  console.log(`  account   ${sim.demo.account} (${origin})`);
  console.log(`  email     ${sim.demo.email}`);
  console.log(`  password  ${sim.demo.password}`);
  console.log(`  viewer    ${sim.viewer.email} (sees boards ${sim.viewer.boardIds.join(', ')})`);
  console.log(
    `  no Advanced Reporting: ${sim.noReporting.email} on https://${sim.noReporting.host}`,
  );
  console.log('  boards');
  for (const board of sim.boards)
    console.log(`    ${board.id}  ${board.title}  ${origin}/board/${board.id}`);
  console.log(
    `Chromium: chromium --host-resolver-rules="MAP *.leankit.com 127.0.0.1:${port}" --ignore-certificate-errors ${origin}/`,
  );
  console.log(
    `curl:     curl -k --connect-to ${sim.demo.host}:443:127.0.0.1:${port} -X POST -H 'content-type: application/json' -d '{"email":"${sim.demo.email}","password":"${sim.demo.password}","accountName":"${sim.demo.account}"}' ${origin}/io/reporting/auth`,
  );
  console.log(
    `faults:   curl -k --connect-to ${sim.demo.host}:443:127.0.0.1:${port} -X POST -d '{"fault":{"kind":"status","status":503},"times":null}' ${origin}/__simulator/faults  (DELETE to clear)`,
  );
  console.log(
    `changes:  curl -k --connect-to ${sim.demo.host}:443:127.0.0.1:${port} -X POST -d '{"count":3}' ${origin}/__simulator/touch-cards  (3 cards active now)`,
  );
  console.log('Press Ctrl-C to stop.');

  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(2);
});

// Serves the stand-ins of test/stand-in-cluster.ts for a build directory until killed, in a process
// of its own (the benchmark times `mesosgen verify` with a blocking spawn). Prints "ready" once
// every stand-in listens. Usage: node dist/bench/stand-ins.js BUILD CHRONOS_PORT
import { startStandInCluster } from '../test/stand-in-cluster.js';

const [build, chronosPort] = process.argv.slice(2);
await startStandInCluster(build, Number(chronosPort));
process.stdout.write('ready\n');

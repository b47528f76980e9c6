/**
 * The child process that runs modules, so that a hang or a crash of an
 * engine kills a child, not the campaign. Tasks arrive over IPC; for oracle
 * tasks a `native-done` message marks the point after which a hang is Weft's.
 */
import { runDecode } from './decode.js';
import { runOracle } from './oracle.js';
import type { TaskMessage, WorkerMessage } from './protocol.js';

function send(m: WorkerMessage): void {
  process.send!(m);
}

process.on('message', (m: TaskMessage) => void runTask(m));

/** Runs one task (the pool sends the next only after the answer) and answers. */
async function runTask(m: TaskMessage): Promise<void> {
  const { id, task } = m;
  try {
    if (task.type === 'oracle') {
      const result = await runOracle(task.bytes, {
        ...task.options,
        onNativeDone: (ms) => send({ id, type: 'native-done', ms }),
        onTier: (tier) => send({ id, type: 'tier', tier }),
      });
      send({ id, type: 'oracle', result });
    } else {
      send({ id, type: 'decode', result: runDecode(task.bytes) });
    }
  } catch (e) {
    send({ id, type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}
// The campaign died: nothing will read our answers.
process.on('disconnect', () => process.exit(0));
send({ id: -1, type: 'ready' });

// A child process that rebuilds the read models from a log while saving snapshots every few
// milliseconds, so that a test can kill it mid-rebuild (and mid-snapshot-write).
import { getFileEventStore } from '@dateline/event-store/file';
import { createProjectionRunner, getFileSnapshotStore } from '@dateline/projections';

const [dir, snapshotDir] = process.argv.slice(2);
if (!dir || !snapshotDir) throw new Error('usage: rebuild-worker <store-dir> <snapshot-dir>');
const store = await getFileEventStore(dir, { readOnly: true });
const runner = createProjectionRunner(store, {
  snapshotStore: getFileSnapshotStore(snapshotDir),
  log: () => {},
});
let saving: Promise<unknown> | undefined;
setInterval(() => {
  if (saving) return;
  saving = runner.saveSnapshots().then((headers) => {
    process.stdout.write(`saved ${headers.map((h) => h.position).join(',')}\n`);
    saving = undefined;
  });
}, 10);
await runner.start();
await saving;
await runner.saveSnapshots();
process.stdout.write('caught up\n');
process.exit(0);

// Files the packaged app keeps outside app.asar (electron-builder.yml asarUnpack): the writer and broker workers,
// the chunks they import and the packages the broker imports, because a worker thread is started from a path Node
// itself reads. Inside the package their path is the app.asar one with app.asar.unpacked in its place; elsewhere
// (a build run from out/) it is unchanged.
import { sep } from 'node:path';

export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** The model's version: a hash of the text of every file under src/model/, by path. Pure. */
import { hashText } from './hash.ts';

/** `files` maps paths that end in src/model/… (any prefix) to their text. */
export function modelVersion(files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files)
    .map(([path, text]) => [path.replace(/\\/g, '/').replace(/^.*?src\/model\//, ''), text.replace(/\r\n/g, '\n')])
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1));
  return hashText(JSON.stringify(entries));
}

import { EXPORT_SCHEMA_VERSION } from '../../src/contract/requests.ts';
import type { ExportSection } from './privacy-registry.ts';
import type { ZipEntry } from './zip-writer.ts';
import { csvField as csvText } from '../preferences/consent-csv.ts';

/*
 * The owner's data export, streamed: data.json (the documented shape in
 * src/contract/requests.ts, `DataExportSchema`), and for the download in one file a ZIP with
 * data.json, index.html (a readable view) and one CSV per section. Rows are turned into text
 * as they are read and sent in chunks of about 64 KB; nothing builds the whole document.
 */

export interface ExportHeader {
  generatedAt: Date;
  clinic: { slug: string; name: string };
}

const CHUNK = 64 * 1024;

/** Gathers small strings into chunks of about 64 KB (one write per row would be slow). */
async function* chunked(parts: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** The total number of rows, for the `x-export-items` progress hint. */
export async function countExportItems(
  sections: readonly ExportSection[],
  userId: number,
): Promise<number> {
  let total = 0;
  for (const section of sections) total += await section.count(userId);
  return total;
}

export function exportJson(
  sections: readonly ExportSection[],
  userId: number,
  header: ExportHeader,
): AsyncGenerator<string> {
  async function* parts(): AsyncGenerator<string> {
    yield `{"schemaVersion":${EXPORT_SCHEMA_VERSION},"generatedAt":${JSON.stringify(
      header.generatedAt.toISOString(),
    )},"clinic":${JSON.stringify(header.clinic)},"sections":{`;
    for (const [i, section] of sections.entries()) {
      yield `${i > 0 ? ',' : ''}\n${JSON.stringify(section.name)}:[`;
      let first = true;
      for await (const row of section.rows(userId)) {
        yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
        first = false;
      }
      yield ']';
    }
    yield '\n}}\n';
  }
  return chunked(parts());
}

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** Any value as one CSV field, quoted and formula-guarded as the consent CSV's are. */
const csvField = (value: unknown): string => csvText(cellText(value));

/**
 * One section as CSV. The columns are the first row's keys; a later row's extra keys go into
 * a last `more` column as JSON, so nothing is dropped.
 */
export function sectionCsv(section: ExportSection, userId: number): AsyncGenerator<string> {
  async function* parts(): AsyncGenerator<string> {
    let columns: string[] | null = null;
    for await (const row of section.rows(userId)) {
      if (!columns) {
        columns = Object.keys(row);
        yield `${[...columns, 'more'].map(csvField).join(',')}\r\n`;
      }
      const known = columns;
      const extra = Object.fromEntries(Object.entries(row).filter(([k]) => !known.includes(k)));
      const fields = known.map((k) => csvField(row[k]));
      fields.push(Object.keys(extra).length > 0 ? csvField(extra) : '');
      yield `${fields.join(',')}\r\n`;
    }
    if (!columns) yield 'no rows\r\n';
  }
  return chunked(parts());
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A readable view of the whole export: one table per section, opened by any browser offline. */
export function exportHtml(
  sections: readonly ExportSection[],
  userId: number,
  header: ExportHeader,
): AsyncGenerator<string> {
  async function* parts(): AsyncGenerator<string> {
    const title = `Your data at ${escapeHtml(header.clinic.name)}`;
    yield (
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${title}</title><style>` +
      `body{font:15px/1.45 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem}` +
      `table{border-collapse:collapse;width:100%;margin-bottom:2rem;font-size:13px}` +
      `th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}` +
      `th{background:#f2f2f2}td{word-break:break-word}</style></head><body>\n` +
      `<h1>${title}</h1>\n<p>Generated ${escapeHtml(header.generatedAt.toISOString())} (UTC). ` +
      `The same data is in data.json (machine-readable, schema version ${EXPORT_SCHEMA_VERSION}) ` +
      `and in one CSV file per section.</p>\n<nav><ul>` +
      sections
        .map((s) => `<li><a href="#${escapeHtml(s.name)}">${escapeHtml(s.title)}</a></li>`)
        .join('') +
      `</ul></nav>\n`
    );
    for (const section of sections) {
      yield `<section id="${escapeHtml(section.name)}"><h2>${escapeHtml(section.title)}</h2>\n`;
      let columns: string[] | null = null;
      for await (const row of section.rows(userId)) {
        if (!columns) {
          columns = Object.keys(row);
          yield `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>\n`;
        }
        yield `<tr>${columns.map((c) => `<td>${escapeHtml(cellText(row[c]))}</td>`).join('')}</tr>\n`;
      }
      yield columns ? '</tbody></table></section>\n' : '<p>Nothing held.</p></section>\n';
    }
    yield '</body></html>\n';
  }
  return chunked(parts());
}

export function exportZipEntries(
  sections: readonly ExportSection[],
  userId: number,
  header: ExportHeader,
): ZipEntry[] {
  return [
    { name: 'data.json', content: () => exportJson(sections, userId, header) },
    { name: 'index.html', content: () => exportHtml(sections, userId, header) },
    ...sections.map((section) => ({
      name: `csv/${section.name}.csv`,
      content: () => sectionCsv(section, userId),
    })),
  ];
}

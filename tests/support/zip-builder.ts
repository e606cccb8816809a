/**
 * Zip archives built byte by byte for the upload tests: declared sizes that lie, huge parts
 * that stay small on disk, thousands of parts — what a zip library would refuse to write.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Stored deflated; or give `deflated` for a prepared stream. */
  data?: Buffer | string;
  deflated?: DeflatedPart;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
  flags?: number;
}

export interface DeflatedPart {
  compressed: Buffer;
  crc: number;
  size: number;
}

/** `chunk` repeated `times` times as one raw deflate stream, built without holding the whole inflated data. */
export function deflatedRepeat(chunk: Buffer, times: number): DeflatedPart {
  // Each independently deflated copy ends with a sync flush, not a final block: copies chain.
  const piece = zlib.deflateRawSync(chunk, { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 });
  let crc = 0;
  for (let i = 0; i < times; i++) crc = zlib.crc32(chunk, crc);
  // An empty final block with fixed codes closes the stream.
  return { compressed: Buffer.concat([...Array.from({ length: times }, () => piece), Buffer.from([0x03, 0x00])]), crc, size: chunk.length * times };
}

/** A zip archive of the parts, deflated; with `zip64` every size and offset is moved to the Zip64 records, as some writers do. */
export function buildZip(parts: ZipPart[], options: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const deflated = part.deflated ?? deflate(part.data ?? '');
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? deflated.size;
    const flags = (part.flags ?? 0) | 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.crc >>> 0, 14);
    local.writeUInt32LE(deflated.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.crc >>> 0, 16);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : deflated.compressed.length, 20);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(deflated.compressed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      central.writeUInt16LE(extra.length, 30);
    }
    locals.push(local, name, deflated.compressed);
    centrals.push(central, name, extra);
    offset += 30 + name.length + deflated.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  if (!options.zip64) return Buffer.concat([...locals, directory, end]);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(parts.length), 24);
  zip64End.writeBigUInt64LE(BigInt(parts.length), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, directory, zip64End, locator, end]);
}

function deflate(data: Buffer | string): DeflatedPart {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { compressed: zlib.deflateRawSync(bytes), crc: zlib.crc32(bytes), size: bytes.length };
}

/** The minimal parts of a workbook exceljs reads, with `sheetXml` as its one worksheet. */
export function workbookParts(sheetXml: string | DeflatedPart): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org';
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    typeof sheetXml === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: sheetXml } : { name: 'xl/worksheets/sheet1.xml', deflated: sheetXml },
  ];
}

/** A worksheet part around the given `<sheetData>` rows. */
export function sheetXml(rows: string, dimension = 'A1'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;
}

/**
 * The PDF service (K-PDF): every document Henji prints — the approval sheet (审批单), the evidence report (证据报告),
 * later minutes, documents and reports — is built with this one builder, so all of them look alike and carry the same
 * footer: the verification link, the generation time (from the injected clock, Beijing time) and 第 N 页 / 共 M 页.
 *
 * A4 portrait, Noto Sans SC embedded as a subset (only the glyphs used: a sheet is tens of kilobytes, text stays
 * selectable and searchable, `pdftotext` reads it back). Building blocks: title block, headings, paragraphs,
 * key–value tables, tables whose header row repeats on every page, images (handwritten signatures) inside cells, and a
 * QR code drawn as vectors. Text comes from the caller in the reader's language; the builder's own words (footer,
 * page numbers) from the message catalogue.
 */
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { render, msg, type Locale } from '../messages.ts';
import { beijingDateTime } from './format.ts';
import { fontFiles } from './fonts.ts';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BORDER = '#b8b8b8';
const MUTED = '#555555';
const HEADER_FILL = '#f0f0f0';
const CELL_PAD = 4;

export interface PdfOptions {
  /** The document's title (also its PDF metadata title). */
  title: string;
  locale: Locale;
  /** Where a reader checks the document online (printed in the footer and usually as a QR code); null: none. */
  verificationLink: string | null;
  /** When the document was generated: the command's clock reading, never the wall clock. */
  generatedAt: Date;
  /** PDF metadata: who or what the document is about. */
  subject?: string;
}

/** A table cell: text, or an image (a handwritten signature) drawn within the given height. */
export type Cell = string | { image: Buffer; height: number };

/** An image PDFKit has opened (PNGImage or JPEG); a PNG's zlib pixel stream is `image.imgData`. */
interface OpenedImage {
  width: number;
  height: number;
  image?: { imgData?: Uint8Array };
}

/** A cell as it is drawn: text, or an image already opened (see `readable`). */
type DrawnCell = string | { image: OpenedImage; height: number };

export interface Column {
  header: string;
  /** Share of the table's width; the shares are normalised. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface KeyValue {
  label: string;
  value: string;
}

export class PdfBuilder {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  /** The number of pages, known once `toBuffer()` has run. */
  pages = 0;

  constructor(private readonly options: PdfOptions) {
    const fonts = fontFiles();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      lang: options.locale,
      displayTitle: true,
      info: {
        Title: options.title,
        ...(options.subject ? { Subject: options.subject } : {}),
        Creator: 'Henji',
        Producer: 'Henji (PDFKit)',
        // PDFKit would stamp the wall clock: the document's time is the caller's clock reading.
        CreationDate: options.generatedAt,
        ModDate: options.generatedAt,
      },
    });
    this.doc.registerFont('regular', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
    this.doc.font('regular').fontSize(10).fillColor('black');
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get bottom() {
    return A4.height - MARGIN.bottom;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /**
   * The title block: the company's name (when known) above the document's title, centred, then a line of small
   * facts (number, date). Leaves room at the top right for a QR code drawn with `qr()`.
   */
  titleBlock(block: { company?: string | null; title: string; lines?: string[] }): this {
    const { doc } = this;
    const width = CONTENT_WIDTH;
    if (block.company) doc.font('regular').fontSize(11).fillColor(MUTED).text(block.company, MARGIN.left, MARGIN.top, { width, align: 'center' });
    doc.font('bold').fontSize(18).fillColor('black').text(block.title, MARGIN.left, doc.y + 2, { width, align: 'center' });
    doc.moveDown(0.3);
    for (const line of block.lines ?? []) doc.font('regular').fontSize(9.5).fillColor(MUTED).text(line, { width, align: 'center' });
    doc.fillColor('black').font('regular').fontSize(10);
    doc.moveDown(0.8);
    return this;
  }

  /** A QR code at the top right of the current page (vector modules, crisp at any zoom), with a caption below. */
  qr(text: string, caption: string, size = 72): this {
    const { doc } = this;
    const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const count = code.modules.size;
    const cell = size / count;
    const x = A4.width - MARGIN.right - size;
    const y = MARGIN.top - 30;
    const keep = { x: doc.x, y: doc.y };
    doc.save().fillColor('black');
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) if (code.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
    doc.fill().restore();
    doc.font('regular').fontSize(7).fillColor(MUTED).text(caption, x - 10, y + size + 2, { width: size + 20, align: 'center' });
    doc.fillColor('black').fontSize(10);
    doc.x = keep.x;
    doc.y = keep.y;
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.4).font('bold').fontSize(12).fillColor('black').text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.3).font('regular').fontSize(10);
    return this;
  }

  paragraph(text: string, style: { size?: number; muted?: boolean; bold?: boolean } = {}): this {
    const { doc } = this;
    doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size ?? 10).fillColor(style.muted ? MUTED : 'black');
    this.ensureSpace(doc.heightOfString(text, { width: CONTENT_WIDTH }));
    doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.font('regular').fontSize(10).fillColor('black');
    doc.moveDown(0.3);
    return this;
  }

  /** A label–value table: two pairs a row (label, value, label, value), or one a row for long values. */
  keyValues(pairs: KeyValue[], perRow: 1 | 2 = 2): this {
    const columns: Column[] =
      perRow === 2
        ? [{ header: '', width: 0.16 }, { header: '', width: 0.34 }, { header: '', width: 0.16 }, { header: '', width: 0.34 }]
        : [{ header: '', width: 0.16 }, { header: '', width: 0.84 }];
    const rows: Cell[][] = [];
    for (let i = 0; i < pairs.length; i += perRow) {
      const row: Cell[] = [];
      for (let j = 0; j < perRow; j++) {
        const pair = pairs[i + j];
        row.push(pair?.label ?? '', pair?.value ?? '');
      }
      rows.push(row);
    }
    return this.grid(columns, rows, { header: false, labelColumns: perRow === 2 ? [0, 2] : [0] });
  }

  /** A table with a header row, repeated at the top of every page the table runs onto. */
  table(columns: Column[], rows: Cell[][], opts: { fontSize?: number } = {}): this {
    return this.grid(columns, rows, { header: true, labelColumns: [], fontSize: opts.fontSize });
  }

  /**
   * An image cell opened before it is drawn, or the words saying it cannot be read. An image comes from stored data (a
   * signature is any base64 the approver sent): PDFKit throws on an unknown format, and inflates a PNG's pixels inside a
   * zlib callback, where a corrupt stream throws out of every caller's reach and ends the process.
   */
  private readable(cell: Cell): DrawnCell {
    if (typeof cell === 'string') return cell;
    try {
      // openImage is PDFKit's (doc.image calls it; @types/pdfkit leaves it out); doc.image takes what it returns.
      const image = (this.doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(cell.image);
      if (image.image?.imgData) inflateSync(image.image.imgData);
      return { image, height: cell.height };
    } catch {
      return render(this.options.locale, msg('pdf.image_unreadable'));
    }
  }

  private grid(columns: Column[], cells: Cell[][], opts: { header: boolean; labelColumns: number[]; fontSize?: number | undefined }): this {
    const { doc } = this;
    const rows = cells.map((row) => row.map((cell) => this.readable(cell)));
    const fontSize = opts.fontSize ?? 9.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((s, w) => s + w, 0));

    const heightOf = (row: DrawnCell[], bold: (i: number) => boolean) =>
      Math.max(
        fontSize + 2 * CELL_PAD + 2,
        ...row.map((cell, i) => {
          if (typeof cell !== 'string') return cell.height + 2 * CELL_PAD;
          doc.font(bold(i) ? 'bold' : 'regular').fontSize(fontSize);
          return doc.heightOfString(cell === '' ? ' ' : cell, { width: widths[i]! - 2 * CELL_PAD }) + 2 * CELL_PAD;
        }),
      );

    const drawRow = (row: DrawnCell[], y: number, height: number, kind: 'header' | 'body') => {
      row.forEach((cell, i) => {
        const label = kind === 'header' || opts.labelColumns.includes(i);
        if (label) doc.save().rect(xs[i]!, y, widths[i]!, height).fill(HEADER_FILL).restore();
        doc.save().lineWidth(0.5).strokeColor(BORDER).rect(xs[i]!, y, widths[i]!, height).stroke().restore();
        if (typeof cell === 'string') {
          doc.font(label ? 'bold' : 'regular').fontSize(fontSize).fillColor('black');
          doc.text(cell, xs[i]! + CELL_PAD, y + CELL_PAD, {
            width: widths[i]! - 2 * CELL_PAD,
            align: kind === 'header' ? 'left' : (columns[i]!.align ?? 'left'),
            lineBreak: true,
          });
        } else {
          doc.image(cell.image as unknown as PDFKit.Mixins.ImageSrc, xs[i]! + CELL_PAD, y + CELL_PAD, { fit: [widths[i]! - 2 * CELL_PAD, cell.height] });
        }
      });
    };

    const header = columns.map((c) => c.header);
    const headerHeight = opts.header ? heightOf(header, () => true) : 0;
    let y = doc.y;
    const startPage = () => {
      if (opts.header) {
        drawRow(header, y, headerHeight, 'header');
        y += headerHeight;
      }
    };
    if (y + headerHeight + (rows[0] ? heightOf(rows[0], (i) => opts.labelColumns.includes(i)) : 0) > this.bottom) {
      doc.addPage();
      y = doc.y;
    }
    startPage();
    for (const row of rows) {
      const height = heightOf(row, (i) => opts.labelColumns.includes(i));
      if (y + height > this.bottom) {
        doc.addPage();
        y = MARGIN.top;
        startPage();
      }
      drawRow(row, y, height, 'body');
      y += height;
    }
    doc.font('regular').fontSize(10).fillColor('black');
    doc.x = MARGIN.left;
    doc.y = y + 8;
    return this;
  }

  /** Finishes the document: the footer on every page, then the bytes. */
  async toBuffer(): Promise<Buffer> {
    const { doc, options } = this;
    const range = doc.bufferedPageRange();
    this.pages = range.count;
    const generated = render(options.locale, msg('pdf.generated_at', { time: beijingDateTime(options.generatedAt) }));
    const link = options.verificationLink ? render(options.locale, msg('pdf.verify_at', { link: options.verificationLink })) : '';
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would start a new page: lift it while the footer is drawn.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN.bottom + 18;
      doc.save().lineWidth(0.5).strokeColor(BORDER).moveTo(MARGIN.left, y - 6).lineTo(A4.width - MARGIN.right, y - 6).stroke().restore();
      doc.font('regular').fontSize(7.5).fillColor(MUTED);
      const pageText = render(options.locale, msg('pdf.page_of', { page: i - range.start + 1, pages: range.count }));
      const pageWidth = 90;
      doc.text(pageText, A4.width - MARGIN.right - pageWidth, y, { width: pageWidth, align: 'right', lineBreak: false });
      if (link) doc.text(link, MARGIN.left, y, { width: CONTENT_WIDTH - pageWidth - 10, lineBreak: true, height: 20, ellipsis: true });
      doc.text(`${generated} · ${render(options.locale, msg('pdf.producer'))}`, MARGIN.left, y + 11, { width: CONTENT_WIDTH - pageWidth - 10, lineBreak: false });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return this.done;
  }
}

import PDFDocument from 'pdfkit';
import type { GaokaoRecord } from '../../../departments/education/contract.js';
import { type FontWeight, runsOf, sliceFont } from './cjk-font.js';

/**
 * The 高考 admission ticket (准考证) and results slip (成绩单) as A4 PDFs with Chinese text (pdfkit, Noto
 * Sans SC slices embedded as subsets). Built from the department's GaokaoRecord as it is: the ID number is
 * already masked there, and nothing else about the person is added.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#8f959e';

type Align = 'left' | 'center' | 'right';

interface TextOptions {
  size?: number;
  weight?: FontWeight;
  color?: string;
  /** Wrap within this width (characters break anywhere, as Chinese does). */
  width?: number;
  align?: Align;
  lineGap?: number;
}

/** A pdfkit document whose text may be any mix of Chinese and Latin, drawn slice by slice. */
class CjkPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly registered = new Set<string>();

  constructor(info: { title: string; author: string; subject: string }) {
    this.doc = new PDFDocument({
      size: A4,
      margin: MARGIN,
      lang: 'zh-CN',
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: '粤省事（开放版）' },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  /** Load (once) every slice these texts need: drawing is synchronous afterwards. */
  async use(texts: readonly string[], weight: FontWeight) {
    const files = new Set<string>();
    for (const t of texts) for (const r of runsOf(t, weight)) if (r.font) files.add(r.font);
    for (const file of files) {
      if (this.registered.has(file)) continue;
      this.doc.registerFont(file, await sliceFont(file));
      this.registered.add(file);
    }
  }

  private widthOf(text: string, size: number, weight: FontWeight): number {
    let w = 0;
    for (const r of runsOf(text, weight)) {
      if (!r.font) {
        w += size * Array.from(r.text).length;
        continue;
      }
      this.doc.font(r.font).fontSize(size);
      w += this.doc.widthOfString(r.text);
    }
    return w;
  }

  /** Lines of at most `width` points. */
  private wrap(text: string, size: number, weight: FontWeight, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const char of text) {
      if (line && this.widthOf(line + char, size, weight) > width) {
        lines.push(line);
        line = char.trim() ? char : '';
      } else line += char;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }

  private drawLine(text: string, x: number, y: number, size: number, weight: FontWeight, color: string) {
    let cx = x;
    for (const r of runsOf(text, weight)) {
      if (!r.font) {
        // A character the font lacks: a white square, as a reader would see in a browser.
        for (const _ of r.text) {
          this.doc
            .rect(cx + size * 0.1, y + size * 0.15, size * 0.8, size * 0.8)
            .lineWidth(0.5)
            .stroke(color);
          cx += size;
        }
        continue;
      }
      this.doc.font(r.font).fontSize(size).fillColor(color);
      this.doc.text(r.text, cx, y, { lineBreak: false });
      cx += this.doc.widthOfString(r.text);
    }
  }

  /** The height text would take (without drawing it). */
  height(text: string, o: TextOptions = {}): number {
    const size = o.size ?? 11;
    const lines = o.width ? this.wrap(text, size, o.weight ?? 'regular', o.width) : [text];
    return lines.length * (size * 1.45 + (o.lineGap ?? 0));
  }

  /** Draw text at (x, y) (top of the line); returns the height used. */
  text(text: string, x: number, y: number, o: TextOptions = {}): number {
    const size = o.size ?? 11;
    const weight = o.weight ?? 'regular';
    const color = o.color ?? INK;
    const lineHeight = size * 1.45 + (o.lineGap ?? 0);
    const lines = o.width ? this.wrap(text, size, weight, o.width) : [text];
    lines.forEach((line, i) => {
      let lx = x;
      if (o.width && o.align && o.align !== 'left') {
        const free = o.width - this.widthOf(line, size, weight);
        lx += o.align === 'center' ? free / 2 : free;
      }
      this.drawLine(line, lx, y + i * lineHeight, size, weight, color);
    });
    return lines.length * lineHeight;
  }

  /** A two-column table of label/value rows with ruled borders; returns the height used. */
  fieldTable(rows: readonly [string, string][], x: number, y: number, width: number, labelWidth = 110): number {
    const pad = 8;
    let cy = y;
    for (const [label, value] of rows) {
      const valueWidth = width - labelWidth - pad * 2;
      const h = Math.max(this.height(value, { width: valueWidth, size: 11 }), 16) + pad * 2;
      this.doc.rect(x, cy, labelWidth, h).fillAndStroke('#f2f3f5', RULE);
      this.doc
        .rect(x + labelWidth, cy, width - labelWidth, h)
        .lineWidth(0.8)
        .stroke(RULE);
      this.text(label, x + pad, cy + pad, { size: 11, weight: 'bold', width: labelWidth - pad * 2 });
      this.text(value, x + labelWidth + pad, cy + pad, { size: 11, width: valueWidth });
      cy += h;
    }
    return cy - y;
  }

  /** A table with a header row; columns as fractions of the width; returns the height used. */
  grid(header: readonly string[], rows: readonly string[][], x: number, y: number, width: number, cols: number[]) {
    const pad = 7;
    const h = 11 * 1.45 + pad * 2;
    const xs = [x];
    for (const f of cols) xs.push((xs.at(-1) ?? x) + f * width);
    let cy = y;
    const row = (cells: readonly string[], head: boolean) => {
      cells.forEach((cell, i) => {
        const cx = xs[i] ?? x;
        const cw = (xs[i + 1] ?? x + width) - cx;
        if (head) this.doc.rect(cx, cy, cw, h).fillAndStroke('#f2f3f5', RULE);
        else this.doc.rect(cx, cy, cw, h).lineWidth(0.8).stroke(RULE);
        this.text(cell, cx + pad, cy + pad, { size: 11, weight: head ? 'bold' : 'regular', width: cw - pad * 2 });
      });
      cy += h;
    };
    row(header, true);
    for (const r of rows) row(r, false);
    return cy - y;
  }

  async finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

const CONTENT_WIDTH = A4[0] - MARGIN * 2;

function chinaTime(iso: string | Date): string {
  const d = new Date(typeof iso === 'string' ? iso : iso.getTime());
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

async function header(pdf: CjkPdf, title: string, subtitle: string, provider: string): Promise<number> {
  await pdf.use([title, subtitle, provider], 'bold');
  let y = MARGIN;
  y += pdf.text(title, MARGIN, y, { size: 16, weight: 'bold', width: CONTENT_WIDTH, align: 'center' });
  y += 4;
  y += pdf.text(subtitle, MARGIN, y, { size: 24, weight: 'bold', width: CONTENT_WIDTH, align: 'center' });
  y += pdf.text(provider, MARGIN, y, { size: 11, weight: 'bold', width: CONTENT_WIDTH, align: 'center', color: MUTED });
  return y + 14;
}

async function footer(pdf: CjkPdf, record: GaokaoRecord, now: Date) {
  const lines = [
    `数据由${record.provider}提供 · 数据更新于 ${chinaTime(record.updatedAt)}`,
    `下载于 ${chinaTime(now)}（北京时间）· 粤省事（开放版）`,
  ];
  await pdf.use(lines, 'regular');
  let y = A4[1] - MARGIN - 34;
  pdf.doc
    .moveTo(MARGIN, y - 8)
    .lineTo(A4[0] - MARGIN, y - 8)
    .lineWidth(0.5)
    .stroke(RULE);
  for (const line of lines) y += pdf.text(line, MARGIN, y, { size: 9, color: MUTED });
}

const identityRows = (r: GaokaoRecord): [string, string][] => [
  ['姓名', r.name],
  ['考生号', r.candidateNumber],
  ['准考证号', r.admissionTicketNumber],
  ['身份证号', r.idNumberMasked],
  ['科类', r.trackName],
];

const TICKET_NOTES = [
  '考生凭本准考证和本人居民身份证原件参加考试，二者缺一不可。',
  '请于每科考试开始前30分钟到达考点，开考15分钟后不得进入考场。',
  '严禁携带手机等各类通讯工具及电子设备进入考场。',
  '请妥善保管本准考证，考试结束后查询成绩和录取结果时需要使用考生号。',
];

/** 高考准考证 (the admission ticket) as a PDF. */
export async function admissionTicketPdf(record: GaokaoRecord, now = new Date()): Promise<Buffer> {
  const title = `${record.examYear}年普通高等学校招生全国统一考试（广东卷）`;
  const pdf = new CjkPdf({ title: `${title} 准考证`, author: record.provider, subject: '高考准考证' });
  let y = await header(pdf, title, '准 考 证', record.provider);
  const rows: [string, string][] = [
    ...identityRows(record),
    ['考点', record.examCentre.name],
    ['考点地址', record.examCentre.address],
  ];
  const sessions = record.timetable.map((s) => [cnDate(s.date), `${s.start}–${s.end}`, s.subject]);
  await pdf.use([...rows.flat(), ...sessions.flat(), ...TICKET_NOTES.map((n, i) => `${i + 1}. ${n}`)], 'regular');
  await pdf.use(['考试时间', '日期', '时间', '科目', '考生须知', ...rows.map((r) => r[0])], 'bold');
  y += pdf.fieldTable(rows, MARGIN, y, CONTENT_WIDTH);
  y += 18;
  y += pdf.text('考试时间', MARGIN, y, { size: 13, weight: 'bold' });
  y += 4;
  y += pdf.grid(['日期', '时间', '科目'], sessions, MARGIN, y, CONTENT_WIDTH, [0.34, 0.3, 0.36]);
  y += 18;
  y += pdf.text('考生须知', MARGIN, y, { size: 13, weight: 'bold' });
  y += 4;
  TICKET_NOTES.forEach((note, i) => {
    y += pdf.text(`${i + 1}. ${note}`, MARGIN, y, { size: 10, width: CONTENT_WIDTH, color: INK });
  });
  await footer(pdf, record, now);
  return pdf.finish();
}

/** 高考成绩 (scores and admission) as a PDF. */
export async function resultsPdf(record: GaokaoRecord, now = new Date()): Promise<Buffer> {
  const title = `${record.examYear}年广东省普通高考`;
  const pdf = new CjkPdf({ title: `${title} 成绩单`, author: record.provider, subject: '高考成绩' });
  let y = await header(pdf, title, '成 绩 单', record.provider);
  const rows = identityRows(record);
  const scoreRows = (record.scores ?? []).map((s) => [s.subject, String(s.score), String(s.fullMarks)]);
  if (record.total !== null) scoreRows.push(['总分', String(record.total), String(record.fullMarks)]);
  const a = record.admission;
  const admissionRows: [string, string][] = [
    ['录取状态', a.statusName],
    ...(a.institution ? ([['录取院校', a.institution]] as [string, string][]) : []),
    ...(a.major ? ([['录取专业', a.major]] as [string, string][]) : []),
    ...(a.levelName ? ([['层次', a.levelName]] as [string, string][]) : []),
  ];
  const pending = '成绩尚未公布，请留意广东省教育考试院的公告。';
  await pdf.use([...rows.flat(), ...scoreRows.flat(), ...admissionRows.flat(), pending], 'regular');
  await pdf.use(['各科成绩', '科目', '成绩', '满分', '录取结果', ...rows.map((r) => r[0])], 'bold');
  await pdf.use(
    admissionRows.map((r) => r[0]),
    'bold',
  );
  y += pdf.fieldTable(rows, MARGIN, y, CONTENT_WIDTH);
  y += 18;
  y += pdf.text('各科成绩', MARGIN, y, { size: 13, weight: 'bold' });
  y += 4;
  if (scoreRows.length) y += pdf.grid(['科目', '成绩', '满分'], scoreRows, MARGIN, y, CONTENT_WIDTH, [0.5, 0.25, 0.25]);
  else y += pdf.text(pending, MARGIN, y, { size: 11, width: CONTENT_WIDTH });
  y += 18;
  y += pdf.text('录取结果', MARGIN, y, { size: 13, weight: 'bold' });
  y += 4;
  pdf.fieldTable(admissionRows, MARGIN, y, CONTENT_WIDTH);
  await footer(pdf, record, now);
  return pdf.finish();
}

/** The PDF service: one builder for every printed document, and how printing is traced. See document.ts. */
export { PdfBuilder, type Cell, type Column, type KeyValue, type PdfOptions } from './document.ts';
export { amountInFigures, amountInWords } from './amount-words.ts';
export { beijingDateTime, beijingMinute } from './format.ts';
export { recordDownload, registerSubjectPage, subjectPage, type DownloadInput } from './download.ts';
export { baseUrlOf, pdfFileName, pdfPageCount, pdfResponse, sendPdf } from './send.ts';

// Documents people hold in their hands: the Excel score sheet, the PDF
// inspection report and the 整改通知书. Pure builders: data in, workbook or
// pdfmake definition out (rendered by renderer/features/reports or by tests).
export * from './types';
export * from './text';
export * from './sha256';
export * from './roundModel';
export * from './scoreSheet';
export * from './pdf';
export * from './pdfFonts';
export * from './notice';
export * from './report';
export * from './charts';

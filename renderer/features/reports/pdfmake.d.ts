// pdfmake 0.3 ships no TypeScript types; the documents code uses it through
// the PdfMakeLike interface (shared/documents/pdf.ts).
declare module 'pdfmake/build/pdfmake' {
  import type { PdfMakeLike } from '../../../shared/documents/pdf';
  const pdfMake: PdfMakeLike;
  export default pdfMake;
}
declare module 'pdfmake' {
  import type { PdfMakeLike } from '../../../shared/documents/pdf';
  const pdfMake: PdfMakeLike & {
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
  };
  export default pdfMake;
}

/** Thrown when the person cancelled a document: nothing was saved (a document writes nothing to the database). */
export class DocumentCancelled extends Error {
  constructor() {
    super('已取消生成，未保存任何文件');
    this.name = 'DocumentCancelled';
  }
}

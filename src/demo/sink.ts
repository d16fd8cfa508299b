// Rows go straight into UTF-8 bytes: each row string dies young (cheap for the garbage collector) instead of living
// in a chunk-sized rope until it is written, which cost more than generating the data.

const blockSize = 4 * 1024 * 1024;

/** An append-only byte buffer of UTF-8 text, handed to a stream in blocks. */
export class TextSink {
  private blocks: Buffer[] = [];
  private block: Buffer = Buffer.allocUnsafe(blockSize);
  private used = 0;

  /** Appends text (a row, with its line end). */
  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2 units).
    if (this.used + text.length * 3 > this.block.length) this.rotate(text.length * 3);
    this.used += this.block.write(text, this.used, 'utf8');
  }

  /** The bytes written since the last take, as blocks; the sink starts over with fresh memory. */
  take(): Buffer[] {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    const taken = this.blocks;
    this.blocks = [];
    this.block = Buffer.allocUnsafe(blockSize);
    this.used = 0;
    return taken;
  }

  private rotate(needed: number): void {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(Math.max(blockSize, needed));
    this.used = 0;
  }
}

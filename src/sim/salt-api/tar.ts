/** A minimal ustar archive writer, for the `saltkeys-<mid>.tar` that `POST /keys` returns. */
function header(name: string, size: number, mtime: number): Buffer {
  const block = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number): void => {
    block.write(text.slice(0, length), offset, 'ascii');
  };
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

export function tarArchive(files: { name: string; content: string }[]): Buffer {
  const mtime = Math.floor(Date.now() / 1000);
  const parts: Buffer[] = [];
  for (const file of files) {
    const data = Buffer.from(file.content, 'utf8');
    parts.push(header(file.name, data.length, mtime), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  // Python's tarfile ends with two zero blocks and pads to a 10 KiB record.
  const body = Buffer.concat([...parts, Buffer.alloc(1024)]);
  return Buffer.concat([body, Buffer.alloc((10_240 - (body.length % 10_240)) % 10_240)]);
}

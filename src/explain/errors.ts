/** A capture that cannot be read: the message names the file and, where there is one, the packet or line. */
export class CaptureError extends Error {
  readonly file: string;
  /** What went wrong, without the file name. */
  readonly problem: string;
  /** 1-based packet (record) number, or null when the problem is the file as a whole. */
  readonly packet: number | null;
  /** 1-based line, for tcpdump text. */
  readonly line: number | null;

  constructor(file: string, problem: string, packet: number | null = null, line: number | null = null) {
    super(`${file}: ${line !== null ? `line ${line}: ` : packet !== null ? `packet ${packet}: ` : ''}${problem}`);
    this.name = 'CaptureError';
    this.file = file;
    this.problem = problem;
    this.packet = packet;
    this.line = line;
  }
}

/** Something odd but survivable in a capture (a record skipped, a file cut short): reported, not fatal. */
export interface CaptureWarning {
  packet: number | null;
  line: number | null;
  message: string;
}

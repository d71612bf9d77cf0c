/**
 * What can be wrong with a reply of the Docker Engine API itself (the socket answered, but not
 * as an engine should). dockerErrors turns these into sentences naming the endpoint.
 */

/** The reply was bigger than Opsbar reads for that request; the request was aborted. */
export class DockerReplyTooLargeError extends Error {
  constructor(
    /** e.g. "GET /containers/json". */
    readonly request: string,
    readonly limitBytes: number,
  ) {
    super(`reply over ${limitBytes} bytes to ${request}`);
    this.name = 'DockerReplyTooLargeError';
  }
}

/** Valid HTTP, but the body is not JSON or not the shape the Engine API documents. */
export class DockerReplyInvalidError extends Error {
  constructor(
    readonly request: string,
    /** What was expected, in words: "a list of containers". */
    readonly expected: string,
    /** What was wrong, in words: "item 0: Id is missing". */
    readonly problem: string,
  ) {
    super(`${request} answered something that is not ${expected} (${problem})`);
    this.name = 'DockerReplyInvalidError';
  }
}

/** The engine answered with an HTTP error status (its own message, when it sent one). */
export class DockerEngineStatusError extends Error {
  constructor(
    readonly request: string,
    readonly statusCode: number,
    engineMessage: string,
  ) {
    super(`${request} failed with HTTP ${statusCode}${engineMessage ? `: ${engineMessage}` : ''}`);
    this.name = 'DockerEngineStatusError';
  }
}

/** The connection broke off before the whole reply came. */
export class DockerReplyCutError extends Error {
  constructor(readonly request: string) {
    super(`the connection closed in the middle of the reply to ${request}`);
    this.name = 'DockerReplyCutError';
  }
}

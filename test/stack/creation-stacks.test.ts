import { withoutTokenCreationStacks } from '../../lib/stack/creation-stacks';

/** A stack record as cdktf's captureStackTrace makes one: a plain object, read at once. */
function record(): string {
  const object = { stack: '' };
  Error.captureStackTrace(object);
  return object.stack;
}

describe('withoutTokenCreationStacks', () => {
  afterEach(() => {
    delete process.env.FTP_KIT_DEBUG;
  });

  test('GIVEN a plain-object stack record THEN it is empty inside, and formatted again after', () => {
    expect(withoutTokenCreationStacks(record)).toBe('');
    expect(record()).toContain('creation-stacks.test');
  });

  test("GIVEN an Error made inside THEN its stack is V8's format: the header, then one `at` line per frame", () => {
    const stack = withoutTokenCreationStacks(() => new TypeError('boom').stack);
    expect(stack).toMatch(/^TypeError: boom\n {4}at .*creation-stacks\.test\.ts:\d+:\d+/);
  });

  test('GIVEN a formatter already in place THEN Errors go through it, and it is put back', () => {
    const previous = Error.prepareStackTrace;
    const mine = (error: Error) => `mine: ${error.message}`;
    Error.prepareStackTrace = mine;
    try {
      expect(withoutTokenCreationStacks(() => [new Error('x').stack, record()])).toEqual(['mine: x', '']);
      expect(Error.prepareStackTrace).toBe(mine);
    } finally {
      Error.prepareStackTrace = previous;
    }
  });

  test('fails when fn throws: the error propagates and the formatter is put back', () => {
    const before = Error.prepareStackTrace;
    expect(() =>
      withoutTokenCreationStacks(() => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(Error.prepareStackTrace).toBe(before);
  });

  test('GIVEN FTP_KIT_DEBUG THEN the records are kept', () => {
    process.env.FTP_KIT_DEBUG = '1';
    expect(withoutTokenCreationStacks(record)).toContain('creation-stacks.test');
  });
});

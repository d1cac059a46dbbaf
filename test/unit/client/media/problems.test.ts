import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { say } from '../../../../src/client/i18n/index.js';
import { describeMediaProblem } from '../../../../src/client/media/problems.js';

const failure = (name: string) => new DOMException('from the browser', name);

describe('what a person is told when a camera or microphone fails', () => {
  it('names the problem and what to do, and always says they can still watch and listen', () => {
    const cases: [string, RegExp][] = [
      ['NotAllowedError', /^Access to your camera is blocked\. Allow it with the icon at the left of the address bar/],
      ['SecurityError', /^Access to your camera is blocked/],
      ['NotFoundError', /^No camera was found\./],
      ['OverconstrainedError', /^No camera was found\./],
      ['NotReadableError', /^Your camera is busy or failed to start \(another app may be using it\)\./],
      ['AbortError', /^Your camera is busy/],
      ['TypeError', /^Your camera could not be started \(TypeError\)\./],
    ];
    for (const [name, expected] of cases) {
      const message = say(describeMediaProblem(failure(name), 'camera'));
      assert.match(message, expected, name);
      assert.match(message, /watch and listen\.$/, name);
    }
    assert.match(say(describeMediaProblem('weird', 'microphone')), /^Your microphone could not be started\./);
    assert.match(
      say(describeMediaProblem(failure('NotFoundError'), 'cameraAndMicrophone')),
      /^No camera and microphone/,
    );
  });
});

// Test builds only (dist/*-test/extension/test/speech-stub.js): headless
// browsers have no voices, so read-aloud is tested against this stand-in for
// the Web Speech API, put into the content scripts' isolated world by
// `lucid.speechStub(tabId, { auto })` before the reader view opens. It
// records each utterance and fires its events: an utterance ends after
// `auto` ms (0: only when a test calls `finish`), `cancel()` interrupts it.
'use strict';
(() => {
  if (globalThis.lucidSpeechStub) return;
  let current = null;
  let timer = 0;
  const listeners = new Set();
  const stub = {
    auto: 0,
    log: [],
    speaking: false,
    pending: false,
    paused: false,
    voices: [
      { name: 'Test Deutsch', lang: 'de-DE', voiceURI: 'test-de', default: false, localService: true },
      { name: 'Test English', lang: 'en-US', voiceURI: 'test-en', default: true, localService: true },
    ],
    getVoices() { return this.voices; },
    speak(u) {
      stub.log.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.voiceURI ?? null });
      current = u;
      stub.speaking = true;
      setTimeout(() => u.onstart?.({ type: 'start' }), 0);
      if (stub.auto > 0) timer = setTimeout(() => stub.finish(), stub.auto);
    },
    finish() {
      const u = current;
      current = null;
      stub.speaking = false;
      u?.onend?.({ type: 'end' });
    },
    // What a system without a speech engine does to every utterance.
    fail() {
      const u = current;
      current = null;
      stub.speaking = false;
      u?.onerror?.({ type: 'error', error: 'synthesis-unavailable' });
    },
    cancel() {
      clearTimeout(timer);
      const u = current;
      current = null;
      stub.speaking = false;
      if (u) setTimeout(() => u.onerror?.({ type: 'error', error: 'interrupted' }), 0);
    },
    pause() {},
    resume() {},
    addEventListener(type, f) { if (type === 'voiceschanged') listeners.add(f); },
    removeEventListener(type, f) { listeners.delete(f); },
  };
  class Utterance {
    constructor(text) {
      this.text = text;
      this.lang = '';
      this.rate = 1;
      this.voice = null;
    }
  }
  Object.defineProperty(globalThis, 'speechSynthesis', { value: stub, configurable: true });
  Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  globalThis.lucidSpeechStub = stub;
})();

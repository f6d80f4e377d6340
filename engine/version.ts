/** Engine version stored with every run; kept equal to package.json's version (a test checks). */
export const ENGINE_VERSION = '0.1.0';

/** Backend name for runs that use no tfjs: plain TypeScript over typed arrays. */
export const JS_BACKEND = 'js';

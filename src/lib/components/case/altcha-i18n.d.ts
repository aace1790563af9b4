// The widget's Chinese strings register themselves on import; the module has no types of its own.
declare module 'altcha/i18n/zh-cn';

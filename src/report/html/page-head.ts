import { htmlText } from './html-text.js';

/**
 * The start of every page the tool writes (report.html, the dossier, the verantwoording), up to `</head>`:
 * a Content-Security-Policy that forbids loading anything the page does not carry, no referrer, and the
 * inline style. The title is input text and is escaped here.
 */
export function pageHead(o: { lang: string; csp: string; title: string; style: string }): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${o.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${o.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${htmlText(o.title)}</title>`,
    `<style>${o.style}</style>`,
    '</head>',
  ];
}

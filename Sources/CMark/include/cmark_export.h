#ifndef CMARK_EXPORT_H
#define CMARK_EXPORT_H
/* Written by hand for the vendored copy: a static library, nothing to export. */
#define CMARK_EXPORT
#define CMARK_NO_EXPORT
#endif

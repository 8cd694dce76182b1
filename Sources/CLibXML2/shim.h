#ifndef TRACKLINT_LIBXML2_SHIM_H
#define TRACKLINT_LIBXML2_SHIM_H

/* libxml2 built with ICU pulls in ICU headers whose UErrorCode clashes with Foundation's
   import of ICU; the parser API does not need ICU, so switch it off before the parser headers. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>

#endif

/* make bench's floor: each file fed to libxml2's HTML SAX push parser with empty callbacks and
 * tracklint's parse options. Nothing can lint HTML on libxml2 faster than this.
 * Usage: sax_floor FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

static void start_element(void *context, const xmlChar *name, const xmlChar **attributes) {
    (void)context; (void)name; (void)attributes;
}
static void end_element(void *context, const xmlChar *name) { (void)context; (void)name; }
static void characters(void *context, const xmlChar *text, int length) { (void)context; (void)text; (void)length; }
static void comment(void *context, const xmlChar *text) { (void)context; (void)text; }

int main(int argc, char **argv) {
    htmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.startElement = start_element;
    handler.endElement = end_element;
    handler.characters = characters;
    handler.ignorableWhitespace = characters;
    handler.cdataBlock = characters;
    handler.comment = comment;
    handler.initialized = 1;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC;
    static char buffer[1 << 16];
    for (int index = 1; index < argc; index++) {
        FILE *file = fopen(argv[index], "rb");
        if (!file) { perror(argv[index]); return 2; }
        htmlParserCtxtPtr context = htmlCreatePushParserCtxt(&handler, NULL, NULL, 0, argv[index], XML_CHAR_ENCODING_UTF8);
        htmlCtxtUseOptions(context, options);
        size_t count;
        while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) htmlParseChunk(context, buffer, (int)count, 0);
        htmlParseChunk(context, buffer, 0, 1);
        if (context->myDoc) xmlFreeDoc(context->myDoc);
        htmlFreeParserCtxt(context);
        fclose(file);
    }
    return 0;
}

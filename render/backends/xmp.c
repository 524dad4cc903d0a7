/* xmp: see xmp.h. */
#include "backends/xmp.h"

#include <string.h>

bool br_xmp_date(int64_t t, char out[26])
{
    GDateTime *dt = t >= 0 ? g_date_time_new_from_unix_utc(t) : NULL;
    if (!dt)
        return false;
    /* "+00:00", not "Z": the same zone as the Info dates (dev_hpdf.c),
     * which libharu cannot write as 'Z'. */
    g_snprintf(out, 26, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", g_date_time_get_year(dt),
               g_date_time_get_month(dt), g_date_time_get_day_of_month(dt), g_date_time_get_hour(dt),
               g_date_time_get_minute(dt), g_date_time_get_second(dt));
    g_date_time_unref(dt);
    return true;
}

static bool present(const char *s)
{
    return s && *s;
}

/* <tag>value</tag>, escaped. */
static void simple(GString *x, const char *tag, const char *value)
{
    if (!present(value))
        return;
    char *esc = g_markup_escape_text(value, -1);
    g_string_append_printf(x, "   <%s>%s</%s>\n", tag, esc, tag);
    g_free(esc);
}

/* A language alternative (rdf:Alt) of one entry, x-default: the entry
 * PDF/A-1 compares with Info.  No second entry in the document language
 * (which dc:language states): pdf.js joins the texts of every entry, and
 * its viewer would show the title twice. */
static void alternative(GString *x, const char *tag, const char *value)
{
    if (!present(value))
        return;
    char *esc = g_markup_escape_text(value, -1);
    g_string_append_printf(x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", tag,
                           esc, tag);
    g_free(esc);
}

char *br_xmp_packet(const br_pdf_info *info)
{
    GString *x = g_string_new(NULL);
    /* The BOM as begin's value and the fixed id: the packet header of
     * the XMP specification, which PDF/A readers look for. */
    g_string_append(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                       " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                       "  <rdf:Description rdf:about=\"\"\n"
                       "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                       "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                       "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if (info->pdfa)
        g_string_append(x, "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    g_string_append(x, ">\n");
    g_string_append(x, "   <dc:format>application/pdf</dc:format>\n");
    alternative(x, "dc:title", info->title);
    if (present(info->author)) {
        char *esc = g_markup_escape_text(info->author, -1);
        g_string_append_printf(x, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc);
        g_free(esc);
    }
    alternative(x, "dc:description", info->subject);
    if (present(info->lang)) {
        char *esc = g_markup_escape_text(info->lang, -1);
        g_string_append_printf(x, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc);
        g_free(esc);
    }
    char date[26];
    if (br_xmp_date(info->creation_time, date)) {
        simple(x, "xmp:CreateDate", date);
        simple(x, "xmp:ModifyDate", date);
        simple(x, "xmp:MetadataDate", date);
    }
    simple(x, "xmp:CreatorTool", info->creator);
    simple(x, "pdf:Producer", info->producer);
    simple(x, "pdf:Keywords", info->keywords);
    if (info->pdfa) {
        simple(x, "pdfaid:part", "1");
        simple(x, "pdfaid:conformance", "B");
    }
    g_string_append(x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
    /* About 2 KB of padding, as the specification recommends, so that an
     * editor can update the packet in place. */
    for (int i = 0; i < 20; i++)
        g_string_append(x, "                                                                                                   \n");
    g_string_append(x, "<?xpacket end=\"w\"?>");
    return g_string_free(x, FALSE);
}

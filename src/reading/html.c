/* HTML pages through libxml2's forgiving HTML parser (no network, no external entities).
   Metadata comes from <meta> (Open Graph, article:*, Dublin Core, schema.org itemprop),
   <title>, <h1> and <time>. The story is the text of the first <article> element, block by
   block; a page without <article> gives its <p> elements (and h2/h3/blockquote). Scripts,
   styles, navigation, headers, footers, asides, forms, figures and comments are never
   story text. The traversal is iterative: a deeply nested page cannot exhaust the stack. */
#include "reading/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"
#include "reading/date.h"

typedef struct buf {
  char *s;
  size_t n, cap;
} buf;

static int buf_add(buf *b, const char *s, size_t n)
{
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1) cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) return 0;
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
  return 1;
}

/* Appends text with HTML white space collapsed (runs of ASCII white space → one space, none
   at the start) and control characters dropped. No-break spaces are kept: they matter in
   numbers and around French quote marks. */
static int add_text(buf *b, const char *s)
{
  int pending = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p < 0x20 ||
        *p == 0x7F) {
      pending = 1;
      continue;
    }
    if (pending && b->n > 0 && b->s[b->n - 1] != ' ' && !buf_add(b, " ", 1)) return 0;
    pending = 0;
    if (!buf_add(b, (const char *)p, 1)) return 0;
  }
  if (pending && b->n > 0 && b->s[b->n - 1] != ' ' && !buf_add(b, " ", 1)) return 0;
  return 1;
}

/* A trimmed, NFC, malloc'ed copy of S[0..n), or NULL when empty. */
static char *clean(const char *s, size_t n)
{
  while (n && (*s == ' ')) {
    s++;
    n--;
  }
  while (n && s[n - 1] == ' ') n--;
  if (!n) return NULL;
  return nk_text_nfc(s, n, NULL);
}

/* The collapsed text content of NODE, or NULL. */
static char *node_text(xmlNode *node)
{
  xmlChar *c = xmlNodeGetContent(node);
  if (!c) return NULL;
  buf b = {NULL, 0, 0};
  char *r = NULL;
  if (add_text(&b, (const char *)c) && b.s) r = clean(b.s, b.n);
  free(b.s);
  xmlFree(c);
  return r;
}

static int name_is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && n->name && xmlStrcasecmp(n->name, BAD_CAST name) == 0;
}

static int attr_is(const xmlChar *v, const char *s) { return v && xmlStrcasecmp(v, BAD_CAST s) == 0; }

static const char *const dropped[] = {"script", "style", "noscript", "nav", "header", "footer",
                                      "aside", "form", "button", "figure", "iframe", "svg",
                                      "template", "select", "object", "embed", "head", "menu",
                                      "dialog", NULL};
static const char *const blocks[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
    "td", "th", "dd", "dt", "tr", "table", "ul", "ol", "dl", "br", "hr", "address",
    "article", "main", "figcaption", "caption", NULL};
/* In a page without <article>, only these hold story text. */
static const char *const story_blocks[] = {"p", "h2", "h3", "blockquote", NULL};
/* class or id words of page furniture */
static const char *const furniture[] = {"share", "social", "comment", "related", "newsletter",
                                        "cookie", "promo", "advert", "breadcrumb", "sidebar",
                                        "byline", NULL};

static int in_list(const xmlNode *n, const char *const *list)
{
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (; *list; list++)
    if (name_is(n, *list)) return 1;
  return 0;
}

/* Whether a class or id word of N starts with a furniture word ("share-buttons",
   "comments", "sidebar"); "has-sidebar" on a page wrapper does not. */
static int is_furniture(xmlNode *n)
{
  int hit = 0;
  const char *attrs[] = {"class", "id"};
  for (int k = 0; k < 2 && !hit; k++) {
    xmlChar *v = xmlGetProp(n, BAD_CAST attrs[k]);
    if (!v) continue;
    for (xmlChar *p = v; *p; p++)
      if (*p >= 'A' && *p <= 'Z') *p = (xmlChar)(*p + 32);
    const char *w = (const char *)v;
    while (*w && !hit) {
      while (*w == ' ' || *w == '\t' || *w == '\n') w++;
      for (const char *const *f = furniture; *f && !hit; f++)
        if (strncmp(w, *f, strlen(*f)) == 0) hit = 1;
      while (*w && *w != ' ' && *w != '\t' && *w != '\n') w++;
    }
    xmlFree(v);
  }
  return hit;
}

static int skipped(xmlNode *n)
{
  return n->type == XML_ELEMENT_NODE && (in_list(n, dropped) || is_furniture(n));
}

/* Only the element kinds, not the class names: the last resort for an odd page. */
static int skipped_kind(xmlNode *n)
{
  return n->type == XML_ELEMENT_NODE && in_list(n, dropped);
}

typedef struct walk {
  buf body;  /* paragraphs so far, "\n\n"-separated */
  buf para;  /* the paragraph being built */
  int story_only;
  int by_kind;  /* skip by element kind only, ignoring class names */
  int inside; /* depth inside story blocks (story_only mode) */
  const char *title;
  int ok;
} walk;

static void flush(walk *w)
{
  char *p = w->para.s ? clean(w->para.s, w->para.n) : NULL;
  w->para.n = 0;
  if (w->para.s) w->para.s[0] = '\0';
  if (!p) return;
  if (!(w->title && strcmp(p, w->title) == 0)) {
    if ((w->body.n && !buf_add(&w->body, "\n\n", 2)) || !buf_add(&w->body, p, strlen(p)))
      w->ok = 0;
  }
  free(p);
}

static int enter(walk *w, xmlNode *n)
{
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if ((!w->story_only || w->inside > 0) && n->content &&
        !add_text(&w->para, (const char *)n->content))
      w->ok = 0;
    return 0;
  }
  if (n->type != XML_ELEMENT_NODE || (w->by_kind ? skipped_kind(n) : skipped(n))) return 0;
  if (in_list(n, blocks)) flush(w);
  if (w->story_only && in_list(n, story_blocks)) w->inside++;
  return 1;
}

static void leave(walk *w, xmlNode *n)
{
  if (n->type != XML_ELEMENT_NODE || (w->by_kind ? skipped_kind(n) : skipped(n))) return;
  if (in_list(n, blocks)) flush(w);
  if (w->story_only && in_list(n, story_blocks) && w->inside > 0) w->inside--;
}

/* Depth-first over ROOT's descendants without recursion. */
static void traverse(walk *w, xmlNode *root)
{
  xmlNode *n = root->children;
  while (n && w->ok) {
    if (enter(w, n) && n->children) {
      n = n->children;
      continue;
    }
    for (;;) {
      leave(w, n);
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n || n == root) {
        n = NULL;
        break;
      }
    }
  }
  flush(w);
}

static int inside_skipped(xmlNode *n)
{
  for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (skipped(p)) return 1;
  return 0;
}

static size_t text_len(xmlNode *n)
{
  xmlChar *c = xmlNodeGetContent(n);
  size_t l = c ? (size_t)xmlStrlen(c) : 0;
  if (c) xmlFree(c);
  return l;
}

/* The next element after N in document order (N's subtree included). */
static xmlNode *next_node(xmlNode *n, int descend)
{
  if (descend && n->children) return n->children;
  while (n) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

/* Whether NODE's class attribute contains A or B. */
static int class_has(xmlNode *n, const char *a, const char *b)
{
  xmlChar *v = xmlGetProp(n, BAD_CAST "class");
  if (!v) return 0;
  for (xmlChar *p = v; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (xmlChar)(*p + 32);
  int hit = strstr((const char *)v, a) || strstr((const char *)v, b);
  xmlFree(v);
  return hit;
}

/* The name in a byline element: its text without a leading "Par" / "By", if short. */
static char *byline_name(xmlNode *n)
{
  char *v = node_text(n);
  if (!v) return NULL;
  const char *s = v;
  if (strncmp(s, "Par ", 4) == 0 || strncmp(s, "par ", 4) == 0 || strncmp(s, "By ", 3) == 0 ||
      strncmp(s, "by ", 3) == 0)
    s = strchr(s, ' ') + 1;
  char *r = NULL;
  size_t n2 = strlen(s);
  if (n2 > 0 && n2 <= 80 && !strchr(s, '\n')) {
    r = malloc(n2 + 1);
    if (r) memcpy(r, s, n2 + 1);
  }
  free(v);
  return r;
}

static const char *const date_props[] = {
    "article:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date",
    "dc.date.issued", "dcterms.created", "dcterms.date", "datepublished", "sailthru.date",
    "parsely-pub-date", "og:published_time", "article:modified_time", NULL};
static const char *const author_props[] = {"author", "article:author", "dc.creator",
                                           "parsely-author", "sailthru.author", NULL};

static int prop_in(const xmlChar *v, const char *const *list)
{
  for (; *list; list++)
    if (attr_is(v, *list)) return 1;
  return 0;
}

static void set_once(char **slot, char *value)
{
  if (*slot || !value) {
    free(value);
    return;
  }
  *slot = value;
}

static char *attr_clean(xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  if (!v) return NULL;
  buf b = {NULL, 0, 0};
  char *r = NULL;
  if (add_text(&b, (const char *)v) && b.s) r = clean(b.s, b.n);
  free(b.s);
  xmlFree(v);
  return r;
}

void nk_html_doc_clear(nk_html_doc *d)
{
  free(d->title);
  free(d->date);
  free(d->author);
  free(d->site);
  free(d->body);
  memset(d, 0, sizeof *d);
}

nk_status nk_html_extract(const char *utf8, size_t len, nk_html_doc *out, nk_error *err)
{
  memset(out, 0, sizeof *out);
  if (len > INT_MAX) return nk_error_set(err, NK_ERR_PARSE, "HTML page too large");
  htmlDocPtr doc = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC |
                                      HTML_PARSE_COMPACT);
  xmlNode *top = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!top) {
    if (doc) xmlFreeDoc(doc);
    return nk_error_set(err, NK_ERR_PARSE, "cannot parse the HTML page (no element found)");
  }
  char *og_title = NULL, *h1 = NULL, *title = NULL, *time_date = NULL, *byline = NULL;
  xmlNode *article = NULL, *body = NULL;
  size_t article_len = 0;
  for (xmlNode *n = top; n; n = next_node(n, 1)) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (name_is(n, "meta")) {
      xmlChar *p = xmlGetProp(n, BAD_CAST "property");
      if (!p) p = xmlGetProp(n, BAD_CAST "name");
      if (!p) p = xmlGetProp(n, BAD_CAST "itemprop");
      if (p) {
        if (attr_is(p, "og:title") || attr_is(p, "twitter:title"))
          set_once(&og_title, attr_clean(n, "content"));
        else if (attr_is(p, "og:site_name"))
          set_once(&out->site, attr_clean(n, "content"));
        else if (prop_in(p, date_props)) {
          char *v = attr_clean(n, "content");
          set_once(&out->date, nk_date_normalize(v));
          free(v);
        } else if (prop_in(p, author_props)) {
          char *v = attr_clean(n, "content");
          if (v && strncmp(v, "http", 4) == 0) { /* a profile URL, not a name */
            free(v);
            v = NULL;
          }
          set_once(&out->author, v);
        }
        xmlFree(p);
      }
    } else if (name_is(n, "title") && !title) {
      title = node_text(n);
    } else if (name_is(n, "h1") && !h1) {
      h1 = node_text(n);
    } else if (name_is(n, "time") && !time_date) {
      char *v = attr_clean(n, "datetime");
      time_date = nk_date_normalize(v);
      free(v);
    } else if (name_is(n, "article") && !inside_skipped(n)) {
      /* pages list teasers as <article> too: the story is the one with the most text */
      size_t l = text_len(n);
      if (!article || l > article_len) {
        article = n;
        article_len = l;
      }
    } else if (name_is(n, "body") && !body) {
      body = n;
    } else if (!out->author) {
      xmlChar *rel = xmlGetProp(n, BAD_CAST "rel");
      xmlChar *ip = xmlGetProp(n, BAD_CAST "itemprop");
      if (attr_is(rel, "author") || attr_is(ip, "author")) {
        char *v = node_text(n);
        if (v && strlen(v) > 80) {
          free(v);
          v = NULL;
        }
        set_once(&out->author, v);
      }
      if (rel) xmlFree(rel);
      if (ip) xmlFree(ip);
      if (!byline && class_has(n, "byline", "author")) byline = byline_name(n);
    }
    if (!out->date) {
      xmlChar *ip = xmlGetProp(n, BAD_CAST "itemprop");
      if (attr_is(ip, "datePublished")) {
        char *v = attr_clean(n, "content");
        if (!v) v = attr_clean(n, "datetime");
        set_once(&out->date, nk_date_normalize(v));
        free(v);
      }
      if (ip) xmlFree(ip);
    }
  }
  if (!out->author) {
    out->author = byline;
    byline = NULL;
  }
  free(byline);
  if (!out->date) out->date = time_date;
  else free(time_date);

  /* og:title is the cleanest (no " | Site" suffix), then the page's own <h1>. */
  out->title = og_title ? og_title : h1 ? h1 : title;
  if (out->title != og_title) free(og_title);
  if (out->title != h1) free(h1);
  if (out->title != title) free(title);

  walk w;
  memset(&w, 0, sizeof w);
  w.ok = 1;
  w.title = out->title;
  w.story_only = article == NULL;
  traverse(&w, article ? article : body ? body : top);
  if (w.ok && w.body.n == 0 && w.story_only) {
    /* no <p> at all: take every block of the page */
    w.story_only = 0;
    traverse(&w, body ? body : top);
  }
  if (w.ok && w.body.n == 0) {
    /* still nothing: the class names misled us */
    w.story_only = 0;
    w.by_kind = 1;
    traverse(&w, body ? body : top);
  }
  free(w.para.s);
  xmlFreeDoc(doc);
  if (!w.ok) {
    free(w.body.s);
    nk_html_doc_clear(out);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  out->body = w.body.s;
  out->body_len = w.body.n;
  return NK_OK;
}

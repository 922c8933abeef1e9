/* The event stage on sentences written for the purpose, French and English: each trigger
   family, each participant pattern, each factuality cue, time normalisation and merging.
   Runs the whole extractor (actors → statements → events) as the CLI does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/extract.h"

#include "nk_check.h"

static nk_extractor *X;

/* Extracts TEXT (first line is the title) dated DATE (may be NULL). */
static nk_graph *run(const char *text, const char *lang, const char *date)
{
  nk_article art;
  memset(&art, 0, sizeof art);
  art.text = (char *)text;
  art.text_len = strlen(text);
  art.date = (char *)date;
  snprintf(art.lang, sizeof art.lang, "%s", lang);
  nk_doc *doc = NULL;
  nk_error err;
  if (nk_doc_segment(text, strlen(text), NULL, lang, &doc, &err) != NK_OK) {
    printf("FAIL segment: %s\n", err.msg);
    failures++;
    return NULL;
  }
  nk_graph *g = nk_graph_new();
  if (nk_extract(X, &art, doc, g, &err) != NK_OK) {
    printf("FAIL extract: %s\n", err.msg);
    failures++;
  }
  nk_doc_free(doc);
  return g;
}

/* The first event whose code starts with PREFIX, or NULL. */
static const nk_event *find(const nk_graph *g, const char *prefix)
{
  for (size_t i = 0; g && i < g->n_events; i++)
    if (strncmp(g->events[i].cameo, prefix, strlen(prefix)) == 0)
      return &g->events[i];
  return NULL;
}

static size_t count(const nk_graph *g, const char *prefix)
{
  size_t n = 0;
  for (size_t i = 0; g && i < g->n_events; i++)
    n += strncmp(g->events[i].cameo, prefix, strlen(prefix)) == 0;
  return n;
}

/* 1 when an actor whose name contains NAME takes part with ROLE (-1: any role). */
static int has(const nk_graph *g, const nk_event *e, const char *name, int role)
{
  if (!e)
    return 0;
  for (size_t k = 0; k < e->n_parts; k++) {
    const nk_actor *a = &g->actors[e->parts[k].actor];
    if (a->name && strstr(a->name, name) && (role < 0 || (int)e->parts[k].role == role))
      return 1;
  }
  return 0;
}

static void dump(const nk_graph *g)
{
  for (size_t i = 0; g && i < g->n_events; i++) {
    const nk_event *e = &g->events[i];
    printf("    event %s [%s] %s (%s) time=%s/%s place=%s\n", e->cameo, e->trigger,
           e->label ? e->label : "", nk_factuality_name(e->factuality),
           e->time_text ? e->time_text : "-", e->time_norm ? e->time_norm : "-",
           e->place_text ? e->place_text : "-");
  }
}

#define EXPECT(g, prefix, text)                                                            \
  do {                                                                                     \
    if (!find(g, prefix)) {                                                                \
      failures++;                                                                          \
      printf("FAIL %s:%d: no event %s in: %s\n", __FILE__, __LINE__, prefix, text);        \
      dump(g);                                                                             \
    }                                                                                      \
  } while (0)

#define S NK_ROLE_SOURCE
#define T NK_ROLE_TARGET

static void test_phone_call_fr(void)
{
  const char *t = "Titre\n\nLe président américain Donald Trump s'est entretenu par téléphone "
                  "avec le président russe Vladimir Poutine vendredi.\n";
  nk_graph *g = run(t, "fr", "2025-02-16");
  EXPECT(g, "041", t);
  const nk_event *e = find(g, "04");
  CHECK(e && !strcmp(e->cameo, "041"), "code %s", e ? e->cameo : "-");
  CHECK(has(g, e, "Trump", S), "Trump source");
  CHECK(has(g, e, "Poutine", T) || has(g, e, "Putin", T), "Poutine target");
  CHECK(e && e->factuality == NK_FACT_ASSERTED, "asserted");
  CHECK(e && e->time_text && !strcmp(e->time_text, "vendredi"), "time %s",
        e && e->time_text ? e->time_text : "-");
  CHECK(e && e->time_norm && !strcmp(e->time_norm, "2025-02-14"), "norm %s",
        e && e->time_norm ? e->time_norm : "-");
  nk_graph_free(g);
}

static void test_reported_and_merge_fr(void)
{
  const char *t =
      "Titre\n\nDonald Trump s'est entretenu avec Vladimir Poutine, révèle le New York Post. "
      "Une conversation téléphonique dont la date n'a pas été précisée. Selon le journal, "
      "Trump aurait parlé avec Poutine de l'Ukraine.\n";
  nk_graph *g = run(t, "fr", NULL);
  EXPECT(g, "04", t);
  CHECK(count(g, "04") == 1, "one call, not %zu", count(g, "04"));
  const nk_event *e = find(g, "04");
  CHECK(e && !strcmp(e->cameo, "041"), "the telephone mention refines the code: %s",
        e ? e->cameo : "-");
  CHECK(e && e->factuality == NK_FACT_REPORTED, "reported: %s",
        e ? nk_factuality_name(e->factuality) : "-");
  nk_graph_free(g);
}

static void test_release_passive_fr(void)
{
  const char *t = "Titre\n\nLucas Ferrandi et Camille Brossard ont été libérés mercredi par "
                  "l'Iran.\n";
  nk_graph *g = run(t, "fr", "2025-03-20");
  EXPECT(g, "0841", t);
  const nk_event *e = find(g, "0841");
  CHECK(has(g, e, "Ferrandi", T) && has(g, e, "Brossard", T), "both freed are targets");
  CHECK(has(g, e, "Iran", S), "par X is the source");
  CHECK(e && e->time_norm && !strcmp(e->time_norm, "2025-03-19"), "norm %s",
        e && e->time_norm ? e->time_norm : "-");
  nk_graph_free(g);
}

static void test_thanks_and_release_noun_fr(void)
{
  const char *t = "Titre\n\nLe président Emmanuel Macron a remercié Vladimir Poutine pour la "
                  "libération de Marc Fogel.\n";
  nk_graph *g = run(t, "fr", NULL);
  EXPECT(g, "051", t);
  const nk_event *e = find(g, "051");
  CHECK(has(g, e, "Macron", S), "thanker is source");
  CHECK(has(g, e, "Poutine", T) || has(g, e, "Putin", T), "thanked is target");
  CHECK(!has(g, e, "Fogel", -1), "the adjunct after pour is not a target");
  EXPECT(g, "0841", t);
  CHECK(has(g, find(g, "0841"), "Fogel", T), "libération de X: X is freed");
  nk_graph_free(g);
}

static void test_deny_fr(void)
{
  const char *t = "Titre\n\nL'agent du joueur, Pedro Almeida, a démenti avoir reçu une offre "
                  "du Real Madrid.\n";
  nk_graph *g = run(t, "fr", NULL);
  EXPECT(g, "016", t);
  const nk_event *d = find(g, "016");
  CHECK(has(g, d, "Almeida", S), "denier is source");
  CHECK(d && d->factuality == NK_FACT_ASSERTED, "the denial itself is asserted");
  EXPECT(g, "031", t);
  const nk_event *o = find(g, "031");
  CHECK(o && o->factuality == NK_FACT_DENIED, "the offer is denied: %s",
        o ? nk_factuality_name(o->factuality) : "-");
  CHECK(has(g, o, "Real Madrid", S), "offre du X: X is the source");
  nk_graph_free(g);
}

static void test_anaphoric_denial_fr(void)
{
  const char *t = "Titre\n\nLe Washington Post avait fait état d'une conversation téléphonique "
                  "avec Vladimir Poutine. Le Kremlin avait alors démenti l'information.\n";
  nk_graph *g = run(t, "fr", NULL);
  const nk_event *e = find(g, "041");
  CHECK(e && e->factuality == NK_FACT_DENIED, "denied by the next sentence: %s",
        e ? nk_factuality_name(e->factuality) : "-");
  CHECK(e && !has(g, e, "Washington Post", -1), "the reporting medium takes no part");
  nk_graph_free(g);
}

static void test_uncertain_fr(void)
{
  const char *t = "Titre\n\nSelon l'agence Tasnim, la libération de Mehdi Karimi s'inscrirait "
                  "dans un accord. Le Quai d'Orsay n'a ni confirmé ni démenti l'existence "
                  "d'un tel accord.\n";
  nk_graph *g = run(t, "fr", NULL);
  const nk_event *e = find(g, "0841");
  CHECK(e && e->factuality == NK_FACT_UNCERTAIN, "uncertain: %s",
        e ? nk_factuality_name(e->factuality) : "-");
  EXPECT(g, "011", t);
  nk_graph_free(g);
}

static void test_appeal_refined_fr(void)
{
  const char *t = "Titre\n\nLe Parlement européen a adopté en janvier une résolution appelant "
                  "l'Iran à libérer les détenus. L'Organisation mondiale de la santé a appelé "
                  "mardi les bailleurs à débloquer 40 millions de dollars.\n";
  nk_graph *g = run(t, "fr", "2025-03-20");
  EXPECT(g, "0253", t);
  CHECK(has(g, find(g, "0253"), "Iran", T), "appealed to is target");
  CHECK(count(g, "08") == 0, "what is appealed for is no release event");
  EXPECT(g, "0233", t);
  nk_graph_free(g);
}

static void test_planned_fr(void)
{
  const char *t = "Titre\n\nLe ministre de l'Économie, Laurent Vasseur, a indiqué qu'il "
                  "recevrait les dirigeants de Valmeris la semaine prochaine. Vladimir "
                  "Poutine et Donald Trump ont convenu d'organiser une réunion.\n";
  nk_graph *g = run(t, "fr", "2025-06-04");
  const nk_event *e = find(g, "043");
  CHECK(e && e->factuality == NK_FACT_PLANNED, "recevrait + next week: planned");
  CHECK(e && e->time_norm && !strcmp(e->time_norm, "2025-W24"), "norm %s",
        e && e->time_norm ? e->time_norm : "-");
  const nk_event *m = find(g, "036");
  CHECK(m && m->factuality == NK_FACT_PLANNED, "organiser une réunion: 036 planned");
  CHECK(has(g, m, "Trump", S) && (has(g, m, "Poutine", S) || has(g, m, "Putin", S)),
        "coordinated subjects");
  nk_graph_free(g);
}

static void test_strike_protest_fr(void)
{
  const char *t = "Titre\n\nLes contrôleurs sont en grève contre la SNCF. Des milliers de "
                  "cheminots ont défilé mardi à Paris, de la gare de l'Est à la place de la "
                  "République, à l'appel de la CGT et de SUD-Rail.\n";
  nk_graph *g = run(t, "fr", NULL);
  EXPECT(g, "143", t);
  CHECK(has(g, find(g, "143"), "SNCF", T), "grève à X: target");
  EXPECT(g, "141", t);
  const nk_event *p = find(g, "141");
  CHECK(has(g, p, "CGT", S), "à l'appel de X: source");
  CHECK(p && p->place_text && strstr(p->place_text, "Paris"), "place Paris");
  nk_graph_free(g);
}

static void test_en(void)
{
  const char *t =
      "Title\n\nThe World Health Organization said on Tuesday that it urged the warring "
      "parties to let aid convoys through. A spokesman for the RSF, Omar Haddad, denied that "
      "its fighters had stopped any convoy. The Sudanese Armed Forces and the Rapid Support "
      "Forces have accused each other of obstructing the deliveries. The United Nations "
      "Security Council is expected to meet on Thursday in New York. Britain has drafted a "
      "resolution calling for a humanitarian truce, according to two diplomats.\n";
  nk_graph *g = run(t, "en", "2025-05-06");
  EXPECT(g, "0233", t);
  EXPECT(g, "016", t);
  CHECK(has(g, find(g, "016"), "Haddad", S), "denier");
  EXPECT(g, "112", t);
  const nk_event *a = find(g, "112");
  CHECK(has(g, a, "Rapid Support", T) || has(g, a, "RSF", T), "each other: targets");
  const nk_event *m = find(g, "040");
  CHECK(m && m->factuality == NK_FACT_PLANNED, "expected to meet: planned");
  CHECK(m && m->time_norm && !strcmp(m->time_norm, "2025-05-08"), "norm %s",
        m && m->time_norm ? m->time_norm : "-");
  const nk_event *r = find(g, "025");
  CHECK(r && r->factuality == NK_FACT_REPORTED, "according to: reported");
  nk_graph_free(g);
}

static void test_en_negation_decline(void)
{
  const char *t = "Title\n\nPresident Donald Trump declined to say how often he had spoken "
                  "with Vladimir Putin. Vladimir Putin did not meet Emmanuel Macron.\n";
  nk_graph *g = run(t, "en", NULL);
  EXPECT(g, "011", t);
  CHECK(has(g, find(g, "011"), "Trump", S), "decliner");
  const nk_event *m = NULL;
  for (size_t i = 0; g && i < g->n_events; i++)
    if (!strncmp(g->events[i].cameo, "04", 2) && has(g, &g->events[i], "Macron", -1))
      m = &g->events[i];
  CHECK(m && m->factuality == NK_FACT_NEGATED, "did not meet: negated");
  nk_graph_free(g);
}

/* One sentence, one expected event: trigger families, participant patterns and factuality
   cues, French and English. */
typedef struct ev_case {
  const char *lang, *text;
  const char *code;   /* expected code prefix */
  int fact;           /* expected factuality, or -1 */
  const char *source; /* a source whose name contains this, or NULL */
  const char *target; /* a target whose name contains this, or NULL */
} ev_case;

static const ev_case cases[] = {
    /* 04 consult, visit, host, negotiate, mediate */
    {"fr", "Emmanuel Macron a rencontré Olaf Scholz mardi à Berlin.", "040", NK_FACT_ASSERTED,
     "Macron", "Scholz"},
    {"fr", "Olaf Scholz se rendra à Kiev la semaine prochaine.", "042", NK_FACT_PLANNED,
     "Scholz", NULL},
    {"fr", "Emmanuel Macron a reçu Volodymyr Zelensky à l'Élysée.", "043", NK_FACT_ASSERTED,
     "Macron", "Zelensky"},
    {"fr", "Les négociations entre la Russie et l'Ukraine ont repris.", "046", -1, "Russie",
     "Ukraine"},
    {"en", "Sergei Lavrov met Wang Yi in Beijing on Tuesday.", "040", NK_FACT_ASSERTED, "Lavrov",
     "Wang"},
    {"en", "Emmanuel Macron spoke by phone with Joe Biden on Monday.", "041", -1, "Macron",
     "Biden"},
    {"en", "Joe Biden will visit Kyiv next week.", "042", NK_FACT_PLANNED, "Biden", NULL},
    /* 05 praise, thank, sign */
    {"fr", "Renault et Nissan ont signé un accord de fusion.", "057", NK_FACT_ASSERTED,
     "Nissan", NULL},
    {"en", "Keir Starmer thanked Emmanuel Macron for his support.", "051", NK_FACT_ASSERTED,
     "Starmer", "Macron"},
    /* 01 decline comment, deny */
    {"fr", "La Maison Blanche a refusé de commenter.", "011", NK_FACT_ASSERTED, "Maison", NULL},
    {"en", "The Kremlin denied the report.", "016", NK_FACT_ASSERTED, "Kremlin", NULL},
    /* 02 appeals, 10 demands */
    {"en", "Antonio Guterres called for a ceasefire in Gaza.", "025", NK_FACT_ASSERTED,
     "Guterres", NULL},
    {"fr", "La CFDT réclame une rencontre avec la direction de Renault.", "106", -1, "CFDT",
     NULL},
    /* 03 intent */
    {"fr", "Vladimir Poutine est prêt à rencontrer Donald Trump.", "036", NK_FACT_PLANNED,
     "Poutine", "Trump"},
    {"en", "China pledged humanitarian aid to Myanmar.", "033", NK_FACT_PLANNED, "China",
     "Myanmar"},
    /* 07 aid */
    {"fr", "La France a livré des vaccins au Tchad.", "073", NK_FACT_ASSERTED, "France", "Tchad"},
    /* 08 release: passive with agent */
    {"en", "John Smith was released by Iran on Monday.", "0841", NK_FACT_ASSERTED, "Iran",
     "Smith"},
    /* 11 criticise, accuse; reciprocal */
    {"fr", "La CGT a dénoncé la réforme du gouvernement.", "111", NK_FACT_ASSERTED, "CGT", NULL},
    {"fr", "Moscou a accusé Kiev de sabotage.", "112", NK_FACT_ASSERTED, "Moscou", "Kiev"},
    /* 13 threaten, 16 sanctions, 17 arrest, 19 fight */
    {"fr", "Vladimir Poutine a menacé l'Ukraine.", "130", NK_FACT_ASSERTED, "Poutine", "Ukraine"},
    {"en", "The European Union imposed sanctions on Russia.", "163", NK_FACT_ASSERTED,
     "European Union", "Russia"},
    {"fr", "Lucas Ferrandi a été arrêté par l'Iran en 2023.", "173", NK_FACT_ASSERTED, "Iran",
     "Ferrandi"},
    {"en", "Israel launched air strikes on Gaza.", "195", NK_FACT_ASSERTED, "Israel", "Gaza"},
    /* 14 protest, strike */
    {"fr", "La CGT et SUD-Rail ont appelé à la grève jeudi.", "143", NK_FACT_PLANNED, "CGT",
     NULL},
    /* factuality cues */
    {"fr", "Selon Le Monde, la France aurait livré des armes à l'Ukraine.", "07",
     NK_FACT_REPORTED, "France", "Ukraine"},
    {"en", "Joe Biden did not meet Xi Jinping.", "04", NK_FACT_NEGATED, "Biden", "Xi"},
    {"en", "Joe Biden is expected to meet Xi Jinping.", "04", NK_FACT_PLANNED, "Biden", "Xi"},
    {"fr", "Emmanuel Macron n'a jamais rencontré Vladimir Poutine.", "04", NK_FACT_NEGATED,
     "Macron", "Poutine"},
    {"fr", "Donald Trump recevra Vladimir Poutine.", "043", NK_FACT_PLANNED, "Trump", "Poutine"},
    {"en", "Iran released John Smith, according to Reuters.", "0841", NK_FACT_REPORTED, "Iran",
     "Smith"},
    /* an act told on someone's word is their accusation; a blame makes the blamed a target */
    {"fr", "D'après Amina Okafor, les Forces de soutien rapide ont pris en otage l'aide.", "112",
     NK_FACT_ASSERTED, "Okafor", "Forces"},
    {"fr", "Selon Hamid Saleh, les Forces de soutien rapide sont seules responsables des "
           "blocages.",
     "112", -1, "Saleh", "Forces"},
    /* what an appeal asks for is no event of its own */
    {"en", "Boeing urged the union to return to the negotiating table.", "026", NK_FACT_ASSERTED,
     "Boeing", NULL},
    {"fr", "L'OMS a appelé les bailleurs à débloquer 40 millions de dollars.", "0233",
     NK_FACT_ASSERTED, "OMS", NULL},
    /* any rejection; a rejected accusation is a denial; a passive written with "été" */
    {"en", "Ukraine rejected Russia's conditions on Tuesday.", "120", NK_FACT_ASSERTED,
     "Ukraine", "Russia"},
    {"fr", "Le syndicat Force ouvrière a rejeté le texte de la direction.", "120",
     NK_FACT_ASSERTED, "Force ouvrière", NULL},
    {"fr", "La proposition de la CGT a été rejetée par le Medef.", "120", -1, "Medef", "CGT"},
    {"en", "Finance minister David Otieno rejected the accusation.", "016", NK_FACT_ASSERTED,
     "Otieno", NULL},
    /* a threat governs what is threatened */
    {"fr", "Le syndicat Sud Santé menace d'appeler à la grève.", "133", -1, "Sud Santé", NULL},
    {"en", "The Teamsters union threatened to strike next week.", "133", -1, "Teamsters",
     NULL},
    /* suspending, walking out: what stops tells the code */
    {"fr", "Médecins du Monde a suspendu ses activités au Soudan.", "162", NK_FACT_ASSERTED,
     "Médecins du Monde", NULL},
    {"en", "Oxfam suspended its operations in Gaza on Monday.", "162", NK_FACT_ASSERTED,
     "Oxfam", NULL},
    {"en", "Fiji walked out of the talks, accusing Australia of backtracking.", "164",
     NK_FACT_ASSERTED, "Fiji", NULL},
    /* a participial clause has the main verb's subject */
    {"en", "Fiji walked out of the talks, accusing Australia of backtracking.", "112",
     NK_FACT_ASSERTED, "Fiji", "Australia"},
    /* crowd-control weapons; a crowd gathering outside; standing with someone */
    {"en", "The Kenya Police Service fired tear gas on Saturday to disperse supporters of Raila "
           "Odinga.", "175", -1, "Kenya Police", "Odinga"},
    {"fr", "La police a tiré des gaz lacrymogènes sur les militants de Greenpeace.", "175", -1,
     NULL, "Greenpeace"},
    {"en", "Police dispersed several hundred Greenpeace supporters who had gathered outside the "
           "ministry.", "141", -1, "Greenpeace", NULL},
    {"en", "About 200 activists from Greenpeace staged a sit-in.", "141", -1, "Greenpeace", NULL},
    {"en", "Brazil stood with Argentina during the dispute.", "051", -1, "Brazil", "Argentina"},
    /* a possessive nominalisation belongs to the clause subject */
    {"fr", "Les contrôleurs de la SNCF ont voté la reconduction de leur grève.", "143", -1,
     "SNCF", NULL},
    /* "pour" + infinitive: its object is what the agreement is about */
    {"fr", "Renault a conclu un accord pour racheter Nissan.", "057", -1, "Renault", "Nissan"},
    /* a verb coordinated after an object keeps the first verb's subject */
    {"fr", "Pierre Dupont assure n'avoir jamais envisagé de recourir à des sous-traitants et a "
           "proposé de réunir les syndicats.", "036", NK_FACT_PLANNED, "Dupont", NULL},
    /* appeals for calm, for a return to the table */
    {"fr", "Le président Macky Sall a appelé au calme.", "0252", -1, "Macky Sall", NULL},
    {"en", "President William Ruto called for calm.", "0252", -1, "Ruto", NULL},
    {"en", "Antonio Guterres appealed to both sides to return to the table.", "026", -1,
     "Guterres", NULL},
    /* a described object resolved by the actor stage */
    {"fr", "Le porte-parole de la CGT accuse la direction de Renault de mentir.", "112", -1,
     "CGT", "Renault"},
    /* 17 legal action: charges, prosecutors' requisitions; 11 convictions, lawsuits */
    {"fr", "Jean Morel a été mis en examen pour corruption par un juge de Lyon.", "173", -1, NULL,
     "Morel"},
    {"fr", "Le parquet de Lyon a requis trois ans de prison contre Jean Morel.", "173", -1, NULL,
     "Morel"},
    {"en", "Prosecutors in Lyon indicted Jean Morel on Monday.", "173", -1, NULL, "Morel"},
    {"fr", "Jean Morel a été condamné à deux ans de prison par le tribunal de Lyon.", "116", -1,
     NULL, "Morel"},
    {"en", "A court in Lyon convicted Jean Morel of fraud.", "116", -1, NULL, "Morel"},
    {"fr", "La CGT a porté plainte contre Renault.", "115", -1, "CGT", "Renault"},
    {"en", "Greenpeace sued TotalEnergies over its climate claims.", "115", -1, "Greenpeace",
     "TotalEnergies"},
    {"en", "Greenpeace appealed the ruling on Friday.", "115", -1, "Greenpeace", NULL},
    /* 172 a regulator recommends a suspension; a ban */
    {"fr", "L'Agence européenne des médicaments a recommandé la suspension du vaccin.", "172", -1,
     "Agence", NULL},
    {"en", "The European Medicines Agency recommended suspending the licence.", "172", -1,
     "Medicines Agency", NULL},
    /* 09 review, examine */
    {"en", "The European Commission is reviewing the merger.", "090", -1, "Commission", NULL},
    {"fr", "La Commission européenne examine le projet de fusion.", "090", -1, "Commission", NULL},
    /* 05 support; 0871 truce; 083 resignation; 07 loans approved, food distributed */
    {"fr", "L'Allemagne soutient la candidature de l'Ukraine.", "051", -1, "Allemagne", NULL},
    {"en", "Brazil backed Argentina's bid.", "051", -1, "Brazil", NULL},
    {"fr", "Le Hamas a décrété un cessez-le-feu avec Israël.", "0871", -1, "Hamas", NULL},
    {"fr", "Le Premier ministre Paul Durand a démissionné.", "083", -1, "Durand", NULL},
    {"en", "Prime Minister Paul Durand resigned on Monday.", "083", -1, "Durand", NULL},
    {"en", "The World Bank approved a $500 million loan to Kenya.", "071", -1, "World Bank",
     "Kenya"},
    {"fr", "Le Programme alimentaire mondial a distribué des vivres à Gaza.", "073", -1,
     "Programme alimentaire mondial", NULL},
    {"en", "The World Food Programme distributed food in Gaza.", "073", -1,
     "World Food Programme", NULL},
    /* 036 an invitation; 114 a complaint; 129 a veto; 046 talks held */
    {"en", "Emmanuel Macron invited Volodymyr Zelensky to Paris.", "036", -1, "Macron",
     "Zelensky"},
    {"fr", "La Russie a opposé son veto à la résolution.", "129", -1, "Russie", NULL},
    {"en", "Russia vetoed the resolution on Monday.", "129", -1, "Russia", NULL},
    {"en", "Iran and the United States are holding talks in Oman.", "04", -1, "Iran", NULL},
    /* 18-20 killing, assassination, bombing */
    {"en", "The Israeli army killed five Hamas commanders in Gaza.", "19", -1, NULL, "Hamas"},
    {"fr", "Le journaliste Paul Durand a été assassiné à Lyon.", "186", -1, NULL, "Durand"},
    /* a verb whose subject is a description ("Le syndicaliste accuse…") and that introduces
       reported words has their speaker as its source */
    {"fr", "« Nous ne lâcherons rien », a déclaré Marc Dupuis, délégué du syndicat SUD-Chimie. "
           "Le syndicaliste accuse la direction de vouloir « fermer le site en douce ».",
     "112", NK_FACT_ASSERTED, "Marc Dupuis", NULL},
    {"en", "\"We will not give up,\" said union leader Mary Doyle. The union leader accused the "
           "management of trying to \"close the site by stealth\".",
     "112", NK_FACT_ASSERTED, "Mary Doyle", NULL},
    /* a duration between the light verb and the talks: the subject still holds them */
    {"en", "Anna Kovac and Piotr Laszlo held three hours of talks in Vienna on Monday.", "04",
     NK_FACT_ASSERTED, "Kovac", NULL},
    {"fr", "Paul Roche et Jan Novak ont eu deux heures d'entretien à Genève lundi.", "04",
     NK_FACT_ASSERTED, "Roche", NULL},
    /* "Name (ACRONYM)": one actor (the actor stage), so one source */
    {"fr", "Le parti d'opposition Fanilo i Vahoaka (FIV) a critiqué la lenteur des secours.",
     "111", NK_FACT_ASSERTED, "Vahoaka", NULL},
    {"en", "The opposition party Fanilo i Vahoaka (FIV) criticised the slow relief effort.",
     "111", NK_FACT_ASSERTED, "Vahoaka", NULL},
    /* a coordinated verb phrase keeps the first verb's subject, not a genitive of its object */
    {"en", "The Food and Drug Administration said it was aware of the EMA's findings and was "
           "reviewing its own data.", "090", -1, "Food and Drug", NULL},
    {"fr", "Le ministère de la Santé a pris connaissance du rapport de l'OMS et a ouvert une "
           "enquête.", "090", -1, "Santé", NULL},
    /* a participle right after a nominal trigger tells the noun's own agent */
    {"fr", "Des mineurs travaillaient sur le site malgré l'interdiction prononcée en février "
           "par le ministère de l'Industrie.", "172", -1, "Industrie", NULL},
    {"en", "Miners kept working at the site despite the ban imposed in February by the "
           "Industry Ministry.", "172", -1, "Industry Ministry", NULL},
    /* a court seized (saisir + tribunal, cour, justice) is a lawsuit; a cross-root refiner
       leaves a trigger that stands alone as it is */
    {"fr", "Le syndicat Force ouvrière saisira le tribunal administratif lundi.", "115",
     NK_FACT_PLANNED, "Force ouvrière", NULL},
    {"fr", "Selon Paul Durand, le Parti vert saisira la Cour constitutionnelle.", "115", -1,
     "Parti vert", NULL},
    {"fr", "Jean Morel a été arrêté puis présenté à un juge.", "173", -1, NULL, "Morel"},
    /* a contract broken off or terminated (160) */
    {"fr", "Le club Olympique de Marseille rompait le contrat de Paul Durand.", "160", -1,
     "Olympique", NULL},
    {"en", "The carmaker Stellantis terminated its contract with Nissan on Monday.", "160", NK_FACT_ASSERTED,
     "Stellantis", "Nissan"},
    /* a person or body suspended is sanctioned (172) */
    {"fr", "La Fédération française de football a suspendu pour six mois le défenseur Paul "
           "Durand.", "172", NK_FACT_ASSERTED, "Fédération", "Durand"},
    {"en", "The International Tennis Federation suspended Paul Durand for two years.", "172",
     NK_FACT_ASSERTED, "Tennis Federation", "Durand"},
    /* an intention to meet (036), French infinitive as English "meet" */
    {"fr", "Le Premier ministre Paul Durand est prêt à rencontrer les syndicats.", "036",
     NK_FACT_PLANNED, "Durand", NULL},
    {"en", "Prime Minister Paul Durand is ready to meet the unions.", "036", NK_FACT_PLANNED,
     "Durand", NULL},
    /* light verbs of beginning and ordering; the opening or launch of an act */
    {"fr", "Le syndicat Force ouvrière a entamé mardi une grève illimitée.", "143", -1,
     "Force ouvrière", NULL},
    {"en", "The Teamsters union began an open-ended strike on Tuesday.", "143", -1, "Teamsters",
     NULL},
    {"fr", "Le ministre Paul Durand a annoncé l'ouverture d'une enquête.", "090", -1, "Durand",
     NULL},
    {"en", "Interior Minister Paul Durand announced the launch of an investigation.", "090", -1,
     "Durand", NULL},
    {"fr", "Le ministre Paul Durand a ordonné l'ouverture d'une enquête.", "090", -1, "Durand",
     NULL},
    /* a talk in the pluperfect; an appeal in the bare form */
    {"en", "Foreign Minister Anna Kovac had spoken with Piotr Laszlo by phone.", "041",
     NK_FACT_ASSERTED, "Kovac", "Laszlo"},
    {"en", "Ghana would ask the International Monetary Fund for a new loan.", "02", -1, "Ghana",
     NULL},
    /* a requisition is an administrative order (172) */
    {"fr", "L'Agence régionale de santé a réquisitionné les infirmiers grévistes.", "172", -1,
     "Agence régionale", NULL},
    {"en", "The Health Ministry requisitioned striking nurses on Friday.", "172", -1,
     "Health Ministry", NULL},
};

static void test_cases(void)
{
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const ev_case *c = &cases[k];
    char text[512];
    snprintf(text, sizeof text, "Title\n\n%s\n", c->text);
    nk_graph *g = run(text, c->lang, NULL);
    const nk_event *e = find(g, c->code);
    int ok = e && (c->fact < 0 || (int)e->factuality == c->fact) &&
             (!c->source || has(g, e, c->source, S)) && (!c->target || has(g, e, c->target, T));
    if (!ok) {
      failures++;
      printf("FAIL case %zu (%s, %s): %s\n", k, c->lang, c->code, c->text);
      dump(g);
    }
    nk_graph_free(g);
  }
}

static void test_absorbed(void)
{
  const char *t = "Titre\n\nL'OMS a appelé les bailleurs à débloquer 40 millions de dollars.\n";
  nk_graph *g = run(t, "fr", NULL);
  CHECK(count(g, "07") == 0, "the funds appealed for are not given yet");
  nk_graph_free(g);
}

/* A judgement verb is a criticism only with a negative evaluation; blocking and refusing. */
static void test_judgement_block_refuse(void)
{
  const char *t = "Titre\n\nLe ministre des Transports, Paul Gardel, a jugé le blocage "
                  "« irresponsable ».\n";
  nk_graph *g = run(t, "fr", NULL);
  EXPECT(g, "111", t);
  CHECK(has(g, find(g, "111"), "Gardel", S), "the judge of the blockade is the source");
  nk_graph_free(g);

  t = "Title\n\nThe labour minister, Ruth Adeyemi, called the strike irresponsible on "
      "Monday.\n";
  g = run(t, "en", NULL);
  EXPECT(g, "111", t);
  CHECK(has(g, find(g, "111"), "Adeyemi", S), "Adeyemi source");
  nk_graph_free(g);

  t = "Titre\n\nLa ministre, Claire Duval, a jugé la proposition « intéressante ».\n";
  g = run(t, "fr", NULL);
  CHECK(count(g, "11") == 0, "a favourable judgement is no criticism");
  nk_graph_free(g);

  t = "Titre\n\nLes dockers de la CGT ont bloqué jeudi le port de Marseille.\n";
  g = run(t, "fr", NULL);
  EXPECT(g, "144", t);
  CHECK(has(g, find(g, "144"), "CGT", S), "the CGT blocks");
  nk_graph_free(g);

  t = "Titre\n\nSelon le syndicat CGT, les négociations sont bloquées depuis lundi.\n";
  g = run(t, "fr", NULL);
  CHECK(count(g, "144") == 0, "talks that are stuck are no blockade");
  nk_graph_free(g);

  t = "Titre\n\nSelon l'agence Reuters, l'Allemagne aurait refusé de s'engager sur un "
      "montant.\n";
  g = run(t, "fr", NULL);
  EXPECT(g, "12", t);
  const nk_event *e = find(g, "12");
  CHECK(has(g, e, "Allemagne", S), "Germany refuses");
  CHECK(e && e->factuality == NK_FACT_REPORTED, "the conditional reports it");
  nk_graph_free(g);

  t = "Title\n\nFinance minister David Otieno refused to sign the agreement, officials said.\n";
  g = run(t, "en", NULL);
  EXPECT(g, "12", t);
  nk_graph_free(g);
}

/* What is given outranks how much; one sentence, one grant; a headline and the story's
   first event of its kind are one event. */
static void test_grant_and_headline(void)
{
  const char *t = "Title\n\nThe Vaccine Alliance, Gavi, announced an additional $30 million to "
                  "help UNICEF buy vaccine doses.\n";
  nk_graph *g = run(t, "en", NULL);
  CHECK(count(g, "07") == 1, "one grant: %zu events of root 07", count(g, "07"));
  EXPECT(g, "073", t);
  nk_graph_free(g);

  t = "Les dockers bloquent Le Havre\n\nLes dockers de la CGT ont bloqué jeudi les terminaux "
      "du Havre, a indiqué la fédération des ports.\n";
  nk_doc *doc = NULL;
  nk_error err;
  nk_article art;
  memset(&art, 0, sizeof art);
  art.text = (char *)t;
  art.text_len = strlen(t);
  art.title = "Les dockers bloquent Le Havre";
  snprintf(art.lang, sizeof art.lang, "fr");
  g = nk_graph_new();
  if (nk_doc_segment(t, strlen(t), art.title, "fr", &doc, &err) == NK_OK &&
      nk_extract(X, &art, doc, g, &err) == NK_OK) {
    CHECK(count(g, "144") == 1, "the headline's blockade is the story's: %zu", count(g, "144"));
    CHECK(has(g, find(g, "144"), "CGT", S), "the CGT blocks");
  } else {
    CHECK(0, "extract: %s", err.msg);
  }
  nk_doc_free(doc);
  nk_graph_free(g);
}

/* What the phenomena above must not catch. */
static void test_not_events(void)
{
  static const struct { const char *lang, *text, *root, *why; } none[] = {
      {"fr", "Jean Morel a été arrêté pour fraude, une accusation toujours rejetée par ses "
             "avocats.", "12", "an agreed participle only qualifies a noun"},
      {"fr", "Le match de Ligue 1 entre Lyon et Nantes a été suspendu.", "16",
       "a suspended match stops no aid or talks"},
      {"fr", "Paul Durand assure n'avoir jamais pris de produit interdit.", "17",
       "a banned substance is no ban"},
      {"en", "Paul Durand said he never took a banned substance.", "17",
       "a banned substance is no ban"},
      {"fr", "Jean Morel a été arrêté puis présenté à un juge.", "115",
       "a judge after an arrest is no lawsuit"},
      {"en", "Paul Durand spoke to reporters after he was asked whether he would resign.", "02",
       "a question asked is no appeal"},
      {"en", "Investigators from Interpol gathered evidence in Lyon.", "14",
       "gathering evidence is no rally"},
      {"fr", "L'opération doit encore recevoir le feu vert de l'Autorité de la concurrence.",
       "04", "a green light is no visit"},
      {"fr", "Les salariés de Renault, réunis en assemblée générale, ont voté la grève.", "04",
       "a general assembly of one side is no consultation"},
      {"fr", "Le syndicat Sud Santé menace d'appeler à la grève.", "143",
       "a threatened strike is no strike yet"},
      {"fr", "Alexander Vinnik, un criminel russe condamné, a été échangé.", "11",
       "a convicted man described is no conviction told"},
      {"fr", "Le parquet a requis l'anonymat des témoins.", "17",
       "requiring something other than a sentence is no charge"},
      {"en", "The minister recommended a new road to the town.", "17",
       "a recommendation without a suspension or ban is no sanction"},
      {"en", "Air France approved the purchase of fifty Airbus jets.", "07",
       "an approval that grants no loan or funding is no aid"},
      {"en", "Chelsea will pay 60 million euros to Lyon.", "07", "a transfer fee is no aid"},
      {"fr", "La police a évacué le campement de la porte de la Chapelle.", "07",
       "clearing a camp is no humanitarian evacuation"},
      {"en", "Renault was admitted to hospital in Lyon.", "01", "a hospital admission admits nothing"},
      {"fr", "Le ministre Paul Durand s'est rendu compte de son erreur.", "04",
       "realising is no visit"},
      {"en", "Ahmed Saleh, who was asked about the deal, smiled.", "02",
       "a question asked of someone is no request"},
      {"fr", "Les dockers de la CGT ont levé le blocage du port.", "14",
       "lifting a blockade is no blockade"},
      {"en", "Pfizer will start a clinical trial in Lyon.", "17", "a clinical trial is no trial"},
  };
  for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
    char text[512];
    snprintf(text, sizeof text, "Title\n\n%s\n", none[k].text);
    nk_graph *g = run(text, none[k].lang, NULL);
    CHECK(count(g, none[k].root) == 0, "%s: %s", none[k].why, none[k].text);
    nk_graph_free(g);
  }

  /* participants that belong to another clause or only qualify one */
  const char *t = "Titre\n\nLe ministre Paul Durand a dénoncé leur grève.\n";
  nk_graph *g = run(t, "fr", NULL);
  CHECK(!has(g, find(g, "143"), "Durand", -1), "whose strike is unknown after another verb");
  nk_graph_free(g);

  t = "Titre\n\nDeux otages ont été libérés au Mali, Paris dément tout paiement.\n";
  g = run(t, "fr", NULL);
  CHECK(!has(g, find(g, "084"), "Paris", -1), "Paris is the subject of the next clause");
  nk_graph_free(g);

  t = "Title\n\nBenfica president Rui Costa said the Lisbon club had turned down two bids.\n";
  g = run(t, "en", NULL);
  CHECK(!has(g, find(g, "12"), "Lisbon", -1), "the city only qualifies the club");
  nk_graph_free(g);

  t = "Titre\n\nÀ Lyon, le ministre de l'Intérieur, Paul Durand, a exhorté les deux camps à "
      "renouer le dialogue.\n";
  g = run(t, "fr", NULL);
  EXPECT(g, "026", t);
  CHECK(!has(g, find(g, "026"), "Lyon", S), "a fronted place tells where, not who");
  nk_graph_free(g);

  t = "Title\n\nSupporters of Benfica gathered outside the Estádio da Luz on Sunday.\n";
  g = run(t, "en", NULL);
  EXPECT(g, "141", t);
  CHECK(!has(g, find(g, "141"), "Luz", T), "where a rally is held is not its target");
  nk_graph_free(g);

  t = "Title\n\nDelegates walked out of a session of UN talks in Bonn, accusing rich nations "
      "of delays.\n";
  g = run(t, "en", NULL);
  CHECK(!has(g, find(g, "112"), "UN", S), "the participle's subject is the main verb's");
  nk_graph_free(g);
}

/* A station or a square is where people protest or speak, never who does. */
static void test_place_is_setting(void)
{
  const char *t = "Titre\n\nLa gare Saint-Charles a appelé au calme après la manifestation de "
                  "mardi.\n";
  nk_graph *g = run(t, "fr", NULL);
  for (size_t i = 0; g && i < g->n_events; i++)
    CHECK(!has(g, &g->events[i], "Saint-Charles", S), "a station is no source: %s",
          g->events[i].cameo);
  nk_graph_free(g);
}

/* Taking responsibility, summoning an envoy, ruling out, an expected visit. */
static void test_responsibility_summons_ruled_out(void)
{
  const char *t = "Title\n\nThe Velmora chief executive, Dana Holt, took full responsibility "
                  "for the cuts. Chile summoned Peru's ambassador on Tuesday. The minister, Ana "
                  "Ruiz, ruled out any exemption for golf courses.\n";
  nk_graph *g = run(t, "en", NULL);
  EXPECT(g, "015", t);
  EXPECT(g, "114", t);
  CHECK(has(g, find(g, "114"), "Chile", S), "Chile summons");
  EXPECT(g, "120", t);
  nk_graph_free(g);

  t = "Titre\n\nLe ministre de l'Agriculture, Paul Vidal, est attendu jeudi à Perpignan. Il a "
      "exclu toute dérogation pour les golfs. La France a convoqué l'ambassadeur d'Iran.\n";
  g = run(t, "fr", NULL);
  EXPECT(g, "042", t);
  EXPECT(g, "120", t);
  EXPECT(g, "114", t);
  nk_graph_free(g);
}

/* Suspensions (EN, as in French: what is suspended tells the code), recommendations (an
   intention: what is recommended is planned) and the agent of a participle ("made by X",
   "jugé par X"), which is not the event's. */
static void test_suspend_recommend_participle(void)
{
  const char *t = "Title\n\nThe World Bank suspended its aid to Ruritania on Monday.\n";
  nk_graph *g = run(t, "en", NULL);
  const nk_event *e = find(g, "16");
  CHECK(e && !strcmp(e->cameo, "162"), "suspended aid: %s", e ? e->cameo : "-");
  CHECK(has(g, e, "World Bank", S) && has(g, e, "Ruritania", T), "bank -> Ruritania");
  CHECK(e && e->factuality == NK_FACT_ASSERTED, "asserted");
  nk_graph_free(g);

  static const struct { const char *lang, *text, *source; } rec[] = {
      {"en", "Title\n\nThe Danish health regulator Lakemed on Tuesday recommended suspending "
             "Corvalin, a heart drug made by Hestia Labs.\n", "Lakemed"},
      {"fr", "Titre\n\nL'Agence du médicament a recommandé mardi de suspendre le Corvalin, "
             "fabriqué par Hestia Labs.\n", "Agence du médicament"}};
  for (size_t k = 0; k < sizeof rec / sizeof rec[0]; k++) {
    g = run(rec[k].text, rec[k].lang, NULL);
    e = find(g, "17");
    CHECK(e && !strcmp(e->cameo, "172"), "%s recommend + suspend: %s", rec[k].lang,
          e ? e->cameo : "-");
    CHECK(has(g, e, rec[k].source, S), "%s: the regulator is the source", rec[k].lang);
    CHECK(!has(g, e, "Hestia", -1), "%s: the maker is the participle's agent", rec[k].lang);
    CHECK(e && e->factuality == NK_FACT_PLANNED, "%s: recommended is planned, not %s",
          rec[k].lang, e ? nk_factuality_name(e->factuality) : "-");
    nk_graph_free(g);
  }

  t = "Titre\n\nLe parquet de Nice a requis mercredi deux ans de prison contre Paul Martin, "
      "maire de Brignoles, jugé depuis lundi par le tribunal correctionnel de Nice.\n";
  g = run(t, "fr", NULL);
  e = find(g, "17");
  CHECK(e && !strcmp(e->cameo, "173"), "requis: %s", e ? e->cameo : "-");
  CHECK(has(g, e, "Paul Martin", T), "accused target");
  CHECK(!has(g, e, "tribunal", S), "the court judging him is the participle's agent");
  nk_graph_free(g);
}

/* Money promised to those who suffered (compensation, payments, an aid plan) is a promise of
   economic aid, 0331, in French and English. */
static void test_promised_compensation(void)
{
  const char *t = "Titre\n\nLa ministre de l'Agriculture, Sylvie Roquemaure, a promis mardi un "
                  "plan d'aide de 8 millions d'euros aux éleveurs sinistrés.\n";
  nk_graph *g = run(t, "fr", "2025-05-13");
  EXPECT(g, "0331", t);
  CHECK(has(g, find(g, "0331"), "Roquemaure", S), "the one who promises is the source");
  nk_graph_free(g);
  t = "Title\n\nTransport Minister Alan Brackwell promised compensation to the families of "
      "the passengers on Monday.\n";
  g = run(t, "en", "2025-05-12");
  EXPECT(g, "0331", t);
  CHECK(has(g, find(g, "0331"), "Brackwell", S), "the one who promises is the source");
  nk_graph_free(g);
}

int main(void)
{
  nk_error err;
  if (nk_extractor_new(&X, &err) != NK_OK) {
    printf("FAIL extractor: %s\n", err.msg);
    return 1;
  }
  test_phone_call_fr();
  test_reported_and_merge_fr();
  test_release_passive_fr();
  test_thanks_and_release_noun_fr();
  test_deny_fr();
  test_anaphoric_denial_fr();
  test_uncertain_fr();
  test_appeal_refined_fr();
  test_planned_fr();
  test_strike_protest_fr();
  test_en();
  test_en_negation_decline();
  test_cases();
  test_absorbed();
  test_judgement_block_refuse();
  test_grant_and_headline();
  test_not_events();
  test_place_is_setting();
  test_responsibility_summons_ruled_out();
  test_suspend_recommend_participle();
  test_promised_compensation();
  nk_extractor_free(X);
  return failures ? 1 : 0;
}

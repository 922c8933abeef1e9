/* Statements: who said what. Each case is a short article written for the test (French or
   English) run through the whole extraction (text layer, actors, statements); the checks name
   the reported words exactly, the speaker by a name it was seen under, and the kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/extract.h"
#include "newskg/text.h"
#include "nk_test.h"

static int actor_named(const nk_graph *g, int32_t a, const char *who)
{
  if (a < 0 || (size_t)a >= g->n_actors)
    return who == NULL;
  if (!who)
    return 0;
  const nk_actor *ac = &g->actors[a];
  if (ac->name && strstr(ac->name, who))
    return 1;
  for (size_t i = 0; i < ac->n_names; i++)
    if (strstr(ac->names[i], who))
      return 1;
  return 0;
}

static void dump(const run *r)
{
  for (size_t i = 0; i < r->g->n_statements; i++) {
    const nk_statement *s = &r->g->statements[i];
    printf("     got %s [%s] by %s: \"%s\"\n", nk_stmt_kind_name(s->kind), s->verb ? s->verb : "-",
           s->speaker >= 0 ? r->g->actors[s->speaker].name : "?", s->text);
  }
}

/* A statement whose text is exactly TEXT, said by WHO (NULL: nobody), of KIND (-1: any). */
static const nk_statement *expect(const run *r, const char *text, const char *who, int kind)
{
  if (!r->g)
    return NULL;
  for (size_t i = 0; i < r->g->n_statements; i++) {
    const nk_statement *s = &r->g->statements[i];
    if (strcmp(s->text, text) != 0)
      continue;
    CHECK(actor_named(r->g, s->speaker, who), "%s: \"%s\" said by %s, want %s", r->name, text,
          s->speaker >= 0 ? r->g->actors[s->speaker].name : "nobody", who ? who : "nobody");
    CHECK(kind < 0 || (int)s->kind == kind, "%s: \"%s\" is %s, want %s", r->name, text,
          nk_stmt_kind_name(s->kind), nk_stmt_kind_name((nk_stmt_kind)kind));
    return s;
  }
  CHECK(0, "%s: no statement \"%s\"", r->name, text);
  dump(r);
  return NULL;
}

/* No statement's text contains FRAG. */
static void expect_none(const run *r, const char *frag)
{
  for (size_t i = 0; r->g && i < r->g->n_statements; i++)
    CHECK(!strstr(r->g->statements[i].text, frag), "%s: unexpected statement \"%s\"", r->name,
          r->g->statements[i].text);
}

static void expect_count(const run *r, size_t n)
{
  CHECK(r->g && r->g->n_statements == n, "%s: %zu statements, want %zu", r->name,
        r->g ? r->g->n_statements : 0, n);
  if (r->g && r->g->n_statements != n)
    dump(r);
}

static void test_fr_attribution(void)
{
  run r = extract("fr-colon",
                  "Grève à la SNCF\n\n"
                  "La ministre du Travail, Hélène Ferrand-Castel, a déclaré : « Nous ne "
                  "céderons pas sous la menace. »\n");
  expect(&r, "Nous ne céderons pas sous la menace.", "Ferrand-Castel", NK_DIRECT);
  done(&r);

  r = extract("fr-after",
              "Fusion dans les batteries\n\n"
              "« Nous changeons d'échelle, et nous serons plus forts », a déclaré Anne-Sophie "
              "Lemaire-Duval, présidente de Valmeris, mercredi.\n");
  expect(&r, "Nous changeons d'échelle, et nous serons plus forts", "Lemaire-Duval", NK_DIRECT);
  done(&r);

  r = extract("fr-inverted",
              "Le maire de Lyon en visite\n\n"
              "Le maire de Lyon, Paul Durand, a visité le chantier mardi. « Nous verrons bien "
              "ce que donnera la saison », a-t-il ajouté.\n");
  expect(&r, "Nous verrons bien ce que donnera la saison", "Durand", NK_DIRECT);
  done(&r);

  r = extract("fr-role-after",
              "Le Kremlin ne confirme rien\n\n"
              "Le porte-parole du Kremlin, Dmitri Peskov, a parlé à la presse. « Je ne peux ni "
              "confirmer ni infirmer cette information », a ajouté le porte-parole.\n");
  expect(&r, "Je ne peux ni confirmer ni infirmer cette information", "Peskov", NK_DIRECT);
  done(&r);

  r = extract("fr-platform",
              "Trump et Poutine au téléphone\n\n"
              "Sur sa plateforme Truth Social, Donald Trump a écrit : « J'ai parlé avec le "
              "président russe et tout s'est bien passé. »\n");
  expect(&r, "J'ai parlé avec le président russe et tout s'est bien passé.", "Trump",
         NK_DIRECT);
  done(&r);
}

static void test_fr_indirect(void)
{
  run r = extract("fr-selon",
                  "Grève à la SNCF\n\n"
                  "Fabien Marchal dirige la CGT-Cheminots. Selon M. Marchal, la ministre « n'a "
                  "jamais reçu les organisations syndicales ».\n");
  expect(&r, "la ministre n'a jamais reçu les organisations syndicales", "Marchal",
         NK_INDIRECT);
  expect_count(&r, 1); /* the fragment is inside the clause: not a statement of its own */
  done(&r);

  r = extract("fr-infinitive",
              "Le Kremlin prudent\n\n"
              "Le Kremlin a indiqué dimanche ne pouvoir confirmer ou infirmer une information "
              "de la presse américaine. Les négociations continuent.\n");
  expect(&r, "ne pouvoir confirmer ou infirmer une information de la presse américaine",
         "Kremlin", NK_INDIRECT);
  done(&r);

  r = extract("fr-que",
              "Choléra au Tchad\n\n"
              "La représentante de l'OMS au Tchad, Mariam Ouédraogo, estime que la saison des "
              "pluies pourrait doubler le nombre de cas d'ici septembre.\n");
  expect(&r, "la saison des pluies pourrait doubler le nombre de cas d'ici septembre",
         "Ouédraogo", NK_INDIRECT);
  done(&r);

  r = extract("fr-postposed-clause",
              "Grève à la SNCF\n\n"
              "Le trafic ferroviaire restera très perturbé jeudi et vendredi, a prévenu la SNCF "
              "mercredi soir.\n");
  expect(&r, "Le trafic ferroviaire restera très perturbé jeudi et vendredi", "SNCF",
         NK_INDIRECT);
  done(&r);

  r = extract("fr-coordination",
              "Trump et la guerre\n\n"
              "Donald Trump a parlé de la guerre. Il a également affirmé que des millions de "
              "personnes sont mortes, mais a ajouté que « cela doit se terminer ».\n");
  expect(&r, "des millions de personnes sont mortes", "Trump", NK_INDIRECT);
  expect(&r, "cela doit se terminer", "Trump", -1);
  done(&r);

  r = extract("fr-reported-of-other",
              "Trump et Poutine\n\n"
              "Donald Trump s'est entretenu avec Vladimir Poutine. Selon Trump, Vladimir "
              "Poutine aurait affirmé qu'il voudrait que « les gens arrêtent de mourir ».\n");
  const nk_statement *s =
      expect(&r, "il voudrait que les gens arrêtent de mourir", "Trump", NK_INDIRECT);
  CHECK(s && actor_named(r.g, s->attributed_to, "Poutine"), "reported-of-other: attributed_to");
  expect_none(&r, "aurait affirmé");
  done(&r);

  r = extract("fr-deny",
              "Mercato\n\n"
              "L'agent du joueur, Pedro Almeida, a démenti avoir reçu une offre du Real "
              "Madrid.\n");
  s = expect(&r, "avoir reçu une offre du Real Madrid", "Almeida", NK_INDIRECT);
  CHECK(s && s->stance == NK_STANCE_DENY, "deny: stance");
  done(&r);
}

static void test_fr_partial(void)
{
  run r = extract("fr-partial",
                  "Fusion\n\n"
                  "La CFDT a dénoncé une opération « menée dans le dos des salariés ». La "
                  "ministre du Travail, Hélène Ferrand-Castel, a jugé le mouvement "
                  "« disproportionné ».\n");
  expect(&r, "menée dans le dos des salariés", "CFDT", NK_PARTIAL);
  expect(&r, "disproportionné", "Ferrand-Castel", NK_PARTIAL);
  done(&r);

  r = extract("fr-partial-subject",
              "Le Kremlin\n\n"
              "Le Kremlin ne peut « confirmer ou infirmer » un appel entre les deux "
              "dirigeants.\n");
  expect(&r, "confirmer ou infirmer", "Kremlin", NK_PARTIAL);
  done(&r);
}

static void test_fr_marks(void)
{
  /* closed with an opening mark */
  run r = extract("fr-closed-by-opening",
                  "Trump et l'Ukraine\n\n"
                  "Sur Truth Social, Donald Trump a écrit : « J'ai demandé aux négociateurs de "
                  "commencer, et cela réussira. « \n\n"
                  "Il a également parlé de l'énergie avec les dirigeants européens.\n");
  expect(&r, "J'ai demandé aux négociateurs de commencer, et cela réussira.", "Trump",
         NK_DIRECT);
  expect_none(&r, "énergie");
  done(&r);

  /* never closed: the attribution inside ends it, the next sentence is narration */
  r = extract("fr-never-closed",
              "Mercato\n\n"
              "Rayan Benali a signé à Chelsea. « C'est un rêve d'enfant, je remercie Lyon pour "
              "tout, a-t-il confié sur Instagram. Il passera sa visite médicale mardi.\n\n"
              "Le club londonien est satisfait.\n");
  expect(&r, "C'est un rêve d'enfant, je remercie Lyon pour tout", "Benali", NK_DIRECT);
  expect_none(&r, "visite médicale");
  expect_none(&r, "londonien");
  done(&r);

  /* never closed, nothing to end it: stops at the end of the paragraph */
  r = extract("fr-unclosed-paragraph",
              "Grève\n\n"
              "Fabien Marchal a pris la parole devant le cortège : « On ne lâchera rien.\n\n"
              "La direction de la SNCF n'a pas répondu.\n");
  expect(&r, "On ne lâchera rien.", "Marchal", NK_DIRECT);
  expect_none(&r, "direction");
  done(&r);

  /* a quotation over two paragraphs, re-opened with « */
  r = extract("fr-multi-paragraph",
              "Le maire\n\n"
              "Le maire de Lyon, Paul Durand, a pris la parole. « Nous avons tout essayé pour "
              "sauver l'usine.\n\n"
              "« Mais rien n'a marché », a-t-il ajouté.\n");
  expect(&r, "Nous avons tout essayé pour sauver l'usine. Mais rien n'a marché", "Durand",
         NK_DIRECT);
  done(&r);

  /* nested quotes inside « » */
  r = extract("fr-nested",
              "Souvenirs\n\n"
              "« Il m'a répondu “jamais” et je l'ai cru », a raconté Marie Dupuis.\n");
  expect(&r, "Il m'a répondu jamais et je l'ai cru", "Dupuis", NK_DIRECT);
  expect_count(&r, 1);
  done(&r);

  /* a quote continuing the previous speaker's words */
  r = extract("fr-continuation",
              "Fusion\n\n"
              "« Nous changeons d'échelle », a déclaré Anne Martin, présidente de Valmeris.\n\n"
              "« Ensemble, nous serons capables de rivaliser avec les producteurs asiatiques. »\n");
  expect(&r, "Ensemble, nous serons capables de rivaliser avec les producteurs asiatiques.",
         "Martin", NK_DIRECT);
  done(&r);

  /* „ “ and straight quotes */
  r = extract("fr-low-and-straight",
              "Europe\n\n"
              "Angela Merkel a déclaré : „Nous y arriverons ensemble“. Paul Durand a "
              "déclaré : \"Nous verrons bien demain.\"\n");
  expect(&r, "Nous y arriverons ensemble", "Merkel", NK_DIRECT);
  expect(&r, "Nous verrons bien demain.", "Durand", NK_DIRECT);
  done(&r);

  /* a title that is a quote after a colon */
  r = extract("fr-title",
              "Trump révèle s'être entretenu avec Poutine : « Un plan concret pour mettre fin à "
              "la guerre »\n\n"
              "Donald Trump s'est entretenu avec Vladimir Poutine.\n");
  expect(&r, "Un plan concret pour mettre fin à la guerre", "Trump", NK_DIRECT);
  done(&r);
}

static void test_fr_more(void)
{
  /* an incise inside the quotation is narration, and names the speaker */
  run r = extract("fr-incise",
                  "Retraites\n\n"
                  "La Première ministre, Claire Lambert, était à l'Assemblée. « Il faut agir "
                  "vite, a-t-elle déclaré. Nous n'avons plus le temps d'attendre. »\n");
  expect(&r, "Il faut agir vite. Nous n'avons plus le temps d'attendre.", "Lambert",
         NK_DIRECT);
  done(&r);

  /* a quotation resumed after its attribution is one utterance */
  r = extract("fr-split",
              "Grève\n\n"
              "Marc Olivier dirige la CGT. « Nous irons jusqu'au bout », a-t-il promis, « quoi "
              "qu'il en coûte ».\n");
  const nk_statement *s = expect(&r, "Nous irons jusqu'au bout quoi qu'il en coûte", "Olivier",
                                 NK_DIRECT);
  CHECK(s && s->stance == NK_STANCE_PROMISE, "fr-split: stance");
  expect_count(&r, 1);
  done(&r);

  /* a headline that opens with a quote and names its speaker after the colon */
  r = extract("fr-headline",
              "« Nous ne céderons pas » : Marc Olivier défie le gouvernement\n\n"
              "Le dirigeant syndical Marc Olivier a rencontré le ministre.\n");
  expect(&r, "Nous ne céderons pas", "Olivier", NK_DIRECT);
  done(&r);

  /* negated infinitive; present-tense postposed verb with a description */
  r = extract("fr-neg-inf",
              "Ligue 1\n\n"
              "Le président de l'OM, Pablo Longoria, a assuré ne pas vouloir faire appel. "
              "« Nous avons souffert, mais l'équipe n'a jamais lâché », poursuit le "
              "président marseillais.\n");
  expect(&r, "ne pas vouloir faire appel", "Longoria", NK_INDIRECT);
  expect(&r, "Nous avons souffert, mais l'équipe n'a jamais lâché", "Longoria", NK_DIRECT);
  done(&r);

  /* a headline quote repeated in the body is one statement, the attributed one */
  r = extract("fr-headline-repeated",
              "« Nous ne céderons pas » : la CGT défie le gouvernement\n\n"
              "Le dirigeant de la CGT, Marc Olivier, était à Paris. « Nous ne céderons pas, "
              "quoi qu'il arrive », a déclaré M. Olivier.\n");
  expect(&r, "Nous ne céderons pas, quoi qu'il arrive", "Olivier", NK_DIRECT);
  expect_count(&r, 1);
  done(&r);

  /* a source after its clause, without a comma */
  r = extract("fr-selon-after",
              "Gaza\n\n"
              "Trois civils ont été tués mardi selon le Hamas.\n");
  expect(&r, "Trois civils ont été tués mardi", "Hamas", NK_INDIRECT);
  done(&r);

  /* a colon ending a paragraph introduces the quotation that opens the next one; an
     unnamed adviser speaks for the organisation just named */
  r = extract("fr-colon-paragraph",
              "Budget\n\n"
              "Le ministre de l'Économie, Antoine Mercier, a présenté le budget. Devant la "
              "presse, il a détaillé les principales mesures :\n\n"
              "« Nous allons réduire le déficit. C'est un effort sans précédent. »\n\n"
              "Interrogé à ce sujet, Matignon n'a pas souhaité réagir. « On verra bien », a "
              "simplement glissé un conseiller.\n");
  expect(&r, "Nous allons réduire le déficit. C'est un effort sans précédent.", "Mercier",
         NK_DIRECT);
  expect(&r, "On verra bien", "Matignon", NK_DIRECT);
  done(&r);

  /* names and titles in quotes are no statements */
  r = extract("fr-names",
              "Défense\n\n"
              "Le ministre Paul Durand a accordé un entretien au « Parisien ». L'opération "
              "baptisée « bouclier du nord » commencera lundi.\n");
  expect_none(&r, "Parisien");
  expect_none(&r, "bouclier");
  done(&r);

  /* a participle clause ends a reported clause */
  r = extract("fr-participle",
              "Mercato\n\n"
              "L'agent du joueur, Pedro Almeida, a démenti avoir reçu une offre du Real Madrid, "
              "évoquée la semaine dernière par la presse espagnole.\n");
  expect(&r, "avoir reçu une offre du Real Madrid", "Almeida", NK_INDIRECT);
  done(&r);
}

static void test_en(void)
{
  run r = extract("en-after",
                  "WHO warns of cholera\n\n"
                  "\"We are running out of time. Every day without access costs lives,\" Dr. "
                  "Amina Okafor, the WHO's director of health emergencies, told reporters in "
                  "Geneva.\n");
  expect(&r, "We are running out of time. Every day without access costs lives", "Okafor",
         NK_DIRECT);
  done(&r);

  r = extract("en-pronoun",
              "RSF denies\n\n"
              "A spokesman for the RSF, Omar Haddad, denied that its fighters had stopped any "
              "convoy. \"Our forces have never prevented aid from reaching civilians,\" he said "
              "in a statement.\n");
  const nk_statement *s = expect(&r, "its fighters had stopped any convoy", "Haddad",
                                 NK_INDIRECT);
  CHECK(s && s->stance == NK_STANCE_DENY, "en deny stance");
  expect(&r, "Our forces have never prevented aid from reaching civilians", "Haddad",
         NK_DIRECT);
  done(&r);

  r = extract("en-that",
              "WHO warns\n\n"
              "The World Health Organization said on Tuesday that cholera cases in Sudan had "
              "doubled in two weeks and urged the warring parties to let aid convoys through.\n");
  expect(&r, "cholera cases in Sudan had doubled in two weeks", "World Health Organization",
         NK_INDIRECT);
  done(&r);

  r = extract("en-according",
              "Vaccines\n\n"
              "According to Leila Farouk, who heads vaccine procurement at UNICEF, only one "
              "manufacturer currently produces the vaccine at scale. Ms. Farouk said a second "
              "supplier was not expected to deliver before next year.\n");
  expect(&r, "only one manufacturer currently produces the vaccine at scale", "Farouk",
         NK_INDIRECT);
  expect(&r, "a second supplier was not expected to deliver before next year", "Farouk",
         NK_INDIRECT);
  done(&r);

  r = extract("en-multi-paragraph",
              "Vaccines\n\n"
              "Tedros Adhanom Ghebreyesus spoke in Geneva. \u201CManufacturers need firm orders, "
              "and donors need to step up.\n\n"
              "\u201CThe next six months will decide,\u201D he added.\n");
  expect(&r, "Manufacturers need firm orders, and donors need to step up. The next six months "
             "will decide",
         "Tedros", NK_DIRECT);
  done(&r);

  r = extract("en-but-warned",
              "Chad\n\n"
              "Chad's health minister, Abdelkerim Souleymane, said by video link that cases had "
              "begun to fall, but warned that the rainy season could reverse the trend.\n");
  expect(&r, "cases had begun to fall", "Souleymane", NK_INDIRECT);
  expect(&r, "the rainy season could reverse the trend", "Souleymane", NK_INDIRECT);
  done(&r);

  r = extract("en-split",
              "Strikes\n\n"
              "Marc Olivier leads the CGT union. \"We will go all the way,\" he said, "
              "\"whatever it costs.\"\n");
  expect(&r, "We will go all the way whatever it costs.", "Olivier", NK_DIRECT);
  done(&r);

  r = extract("en-participle",
              "Gaza\n\n"
              "Israel's ambassador to the UN, Danny Danon, rejected the criticism, saying Hamas "
              "was responsible for the suffering.\n");
  expect(&r, "Hamas was responsible for the suffering", "Danon", NK_INDIRECT);
  done(&r);

  r = extract("en-headline",
              "Trump Says He Will End The War In 24 Hours\n\n"
              "Donald Trump spoke to reporters on Monday.\n");
  expect(&r, "He Will End The War In 24 Hours", "Trump", NK_INDIRECT);
  done(&r);

  r = extract("en-postposed-clause",
              "Boeing layoffs\n\n"
              "SEATTLE (Reuters) \u2014 Boeing will lay off about 17,000 employees, or 10% of its "
              "global workforce, Chief Executive Kelly Ortberg said in a memo to staff on "
              "Friday.\n");
  expect(&r, "Boeing will lay off about 17,000 employees, or 10% of its global workforce",
         "Ortberg", NK_INDIRECT);
  done(&r);

  r = extract("en-unknown-source",
              "UN\n\n"
              "The Security Council is expected to meet on Thursday, diplomats in New York "
              "said.\n");
  expect_count(&r, 0);
  done(&r);
}

/* Participles after a quotation, fragments closing a reported clause, "selon lesquelles",
   commitments, fears and possibilities left open, adverbs set off by commas. */
static void test_clause_patterns(void)
{
  run r = extract("en-participle-after-quote",
                  "Vote count\n\n"
                  "Commission chairman Peter Mwale dismissed the claims as \"baseless,\" saying "
                  "every tally sheet had been checked by observers.\n");
  expect(&r, "baseless", "Mwale", NK_PARTIAL);
  expect(&r, "every tally sheet had been checked by observers", "Mwale", NK_INDIRECT);
  done(&r);

  r = extract("en-fragment-in-clause",
              "Protest\n\n"
              "Police spokesman Tom Ndlovu said officers used tear gas. Nine people were "
              "detained for \"public disorder,\" he added.\n");
  expect(&r, "Nine people were detained for public disorder", "Ndlovu", NK_INDIRECT);
  expect_count(&r, 2); /* the fragment is part of the clause, not a statement of its own */
  done(&r);

  r = extract("en-however",
              "Budget\n\n"
              "The finance minister, Laura Brandt, conceded, however, that revenue had fallen "
              "short of forecasts.\n");
  expect(&r, "revenue had fallen short of forecasts", "Brandt", NK_INDIRECT);
  done(&r);

  r = extract("fr-selon-lesquelles",
              "Usine\n\n"
              "Le groupe Carvel a démenti les informations du Parisien selon lesquelles il "
              "fermerait son usine de Rouen.\n");
  expect(&r, "il fermerait son usine de Rouen", "Carvel", NK_INDIRECT);
  expect_none(&r, "a démenti les informations");
  done(&r);

  r = extract("fr-engage-redoute-exclu",
              "Rachat\n\n"
              "Le président du groupe, Marc Vidal, s'est engagé à maintenir les trois usines. "
              "La syndicaliste Anne Roche redoute que les salaires ne soient gelés. "
              "Le ministre Luc Baron n'a pas exclu de nommer un médiateur.\n");
  expect(&r, "maintenir les trois usines", "Vidal", NK_INDIRECT);
  expect(&r, "les salaires ne soient gelés", "Roche", NK_INDIRECT);
  expect(&r, "nommer un médiateur", "Baron", NK_INDIRECT);
  done(&r);

  r = extract("en-gerund",
              "Transfer\n\n"
              "The club's sporting director, Jens Falk, denied making an offer for the "
              "striker.\n");
  expect(&r, "making an offer for the striker", "Falk", NK_INDIRECT);
  done(&r);

  r = extract("fr-description-names-org",
              "Port\n\n"
              "Les dockers du Grand Port maritime de Rouen (GPMR) ont voté la grève. Une "
              "vingtaine de navires attendaient au large mardi, a indiqué la direction du port.\n");
  expect(&r, "Une vingtaine de navires attendaient au large mardi", "Grand Port", NK_INDIRECT);
  done(&r);

  r = extract("en-group-description",
              "Talks\n\n"
              "The Coastal Nations Alliance walked out of the talks on Monday. \"We will not be "
              "ignored,\" its chair, Mele Tuilagi, told reporters. The 18-member group said it "
              "would stay away until a firm offer was made.\n");
  expect(&r, "it would stay away until a firm offer was made", "Coastal Nations Alliance",
         NK_INDIRECT);
  done(&r);

  r = extract("en-finding",
              "Review\n\n"
              "The Nordic Medicines Board found that patients on the drug were twice as likely "
              "to suffer heart problems. Rescuers found the car that had left the road.\n");
  expect(&r, "patients on the drug were twice as likely to suffer heart problems",
         "Nordic Medicines Board", NK_INDIRECT);
  expect_none(&r, "had left the road");
  done(&r);

  r = extract("en-told-name",
              "Deal\n\n"
              "Finance minister Paul Ndegwa met the lenders on Monday. Officials were confident "
              "the deal would hold, Paul Ndegwa told AFP.\n");
  expect(&r, "Officials were confident the deal would hold", "Ndegwa", NK_INDIRECT);
  done(&r);

  r = extract("fr-constat",
              "Audit\n\n"
              "La Cour des comptes a constaté que les dépenses avaient dépassé le budget voté par "
              "le conseil municipal.\n");
  expect(&r, "les dépenses avaient dépassé le budget voté par le conseil municipal",
         "Cour des comptes", NK_INDIRECT);
  done(&r);
}

/* Speakers after the quote (verbs of criticism and wish), and a bare description ("selon
   l'agence", "the agency said") whose head noun is a word of one organisation's name. */
static void test_postposed_and_head_speakers(void)
{
  run r = extract("fr-post-critique",
                  "Port bloqué\n\n"
                  "« On nous laisse tomber depuis des mois », a dénoncé Gaël Kerfriden, président "
                  "de la coopérative, joint par téléphone.\n");
  expect(&r, "On nous laisse tomber depuis des mois", "Kerfriden", NK_DIRECT);
  done(&r);

  r = extract("fr-post-souhait",
              "Vendanges\n\n"
              "« Que la pluie vienne enfin », souhaite Odile Marchetti, viticultrice à Gaillac.\n");
  expect(&r, "Que la pluie vienne enfin", "Marchetti", NK_DIRECT);
  done(&r);

  /* a bare description whose head noun is a word of one organisation's name */
  r = extract("fr-selon-head",
              "Rappel de lots\n\n"
              "L'Agence régionale des produits vétérinaires a ordonné le rappel d'un vaccin "
              "fabriqué par les laboratoires Hervelin-Basso.\n\n"
              "Selon l'agence, douze élevages ont signalé des réactions graves.\n");
  expect(&r, "douze élevages ont signalé des réactions graves", "Agence régionale", NK_INDIRECT);
  done(&r);

  r = extract("en-head-said",
              "Recall\n\n"
              "The Coastal Fisheries Authority suspended the licences of two trawlers owned by "
              "Bramwell Seafoods on Monday.\n\n"
              "The authority said both vessels had fished inside the closed zone.\n");
  expect(&r, "both vessels had fished inside the closed zone", "Coastal Fisheries", NK_INDIRECT);
  done(&r);
}

int main(void)
{
  nk_error err;
  if (nk_extractor_new(&X, &err) != NK_OK) {
    printf("FAIL extractor: %s\n", err.msg);
    return 1;
  }
  test_fr_attribution();
  test_fr_indirect();
  test_fr_partial();
  test_fr_marks();
  test_fr_more();
  test_en();
  test_clause_patterns();
  test_postposed_and_head_speakers();
  nk_extractor_free(X);
  return failures ? 1 : 0;
}

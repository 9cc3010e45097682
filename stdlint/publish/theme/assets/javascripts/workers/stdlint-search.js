/* stdlint: Material's search worker, with each typed word stemmed before its wildcard.

   Material sends the query «жалоба» to lunr as «жалоба*» (a trailing wildcard, for search as
   you type), and lunr runs no pipeline on a term with a wildcard. The index holds stems
   (mkdocs.yml: plugins.search.pipeline has the stemmer), «жалоб» for «жалоба», «жалобу» and
   «жалобы», and «жалоба*» is not a prefix of «жалоб»: a whole inflected word found nothing, in
   Russian and in English («complaints»). Here a term that ends in one trailing wildcard is
   stemmed first (with the index's own search pipeline, so the stemmers of plugins.search.lang)
   and gets its wildcard back: «жалоба*» becomes «жалоб*», which finds every form.

   main.html points Material at this file and passes the name of Material's own worker
   (?material=search.<hash>.min.js, which changes with Material's version). Works as a real
   worker (http) and under the iframe-worker shim of the offline site (file://), whose
   importScripts is asynchronous. This file must stay in workers/ beside Material's worker:
   Material finds its lunr-languages scripts relative to it. */
(function () {
  "use strict"
  var here = self.document && document.currentScript
    ? document.currentScript.src                  /* iframe-worker shim */
    : self.location.href                          /* real web worker */
  var name = /[?&]material=([\w.-]+)/.exec(here)
  if (!name)
    throw new Error("stdlint-search.js: no ?material=<Material's search worker> in " + here)

  function stemBeforeWildcard() {
    var lunr = self.lunr
    var searchPipeline = null

    /* Keep the search pipeline of the index that Material builds (one per page load) */
    var build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {
      searchPipeline = this.searchPipeline
      return build.apply(this, arguments)
    }

    /* Every query clause goes through Query#clause, both for the search itself and for
       Material's analysis of the query (which terms matched), so both see the stem. */
    var clause = lunr.Query.prototype.clause
    lunr.Query.prototype.clause = function (c) {
      var word = searchPipeline && typeof c.term === "string" && /^([^*]+)\*$/.exec(c.term)
      if (word) {
        var stems = searchPipeline.runString(word[1])
        if (stems.length === 1 && stems[0])
          c.term = stems[0] + "*"
      }
      return clause.apply(this, arguments)
    }
  }

  Promise.resolve(importScripts(new URL(name[1], here).href)).then(stemBeforeWildcard)
})()

// Broadsheet's search for a static copy of the site (export --format static), where no server
// answers /search?q=. It reads the prebuilt index under /search-index/ and shows the stories
// that hold every word. On the server's own search page it does nothing.
(function () {
  'use strict';

  var wordPattern = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

  // A word as the index keeps it: lowercase, accents dropped.
  function fold(word) {
    return word.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  }

  // What a reader typed: words every story must hold, words none may hold, and whether it
  // used what only the server reads (phrases, OR, prefixes, fields).
  function parse(text) {
    var query = { required: [], excluded: [], unsupported: /["*:]|\bOR\b/.test(text) };
    text.split(/\s+/).forEach(function (token) {
      var target = query.required;
      if (token.charAt(0) === '-' && token.length > 1) { target = query.excluded; token = token.slice(1); }
      (token.match(wordPattern) || []).forEach(function (word) {
        var folded = fold(word);
        if (target.indexOf(folded) < 0) target.push(folded);
      });
    });
    return query;
  }

  // FNV-1a, 32 bits, over the word's UTF-8: the shard the export put it in.
  function shardOf(word, shards) {
    var bytes = new TextEncoder().encode(word);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  // The ids of the stories that match, highest first, and the cards of the first `limit`.
  // `load(path)` resolves to the parsed JSON of an index file.
  function find(text, load, limit) {
    var query = parse(text);
    return load('/search-index/meta.json').then(function (meta) {
      if (query.required.length === 0) return { ids: [], cards: [], unsupported: query.unsupported };
      var words = query.required.concat(query.excluded);
      return Promise.all(words.map(function (word) {
        var shard = shardOf(word, meta.shards);
        // A word's list is cut by volumes of ids; read newest volume first, the pieces join
        // into one list, newest first.
        var volumes = [];
        meta.volumes.forEach(function (stories, volume) { if (stories > 0) volumes.unshift(volume); });
        return Promise.all(volumes.map(function (volume) {
          return load('/search-index/terms/' + volume + '/' + shard + '.json').then(function (terms) {
            return Object.prototype.hasOwnProperty.call(terms, word) ? terms[word] : [];
          });
        })).then(function (pieces) { return [].concat.apply([], pieces); });
      })).then(function (lists) {
        var ids = lists[0];
        for (var i = 1; i < query.required.length; i++) {
          var other = new Set(lists[i]);
          ids = ids.filter(function (id) { return other.has(id); });
        }
        for (var j = query.required.length; j < lists.length; j++) {
          var gone = new Set(lists[j]);
          ids = ids.filter(function (id) { return !gone.has(id); });
        }
        var shown = ids.slice(0, limit);
        var buckets = Array.from(new Set(shown.map(function (id) { return Math.floor(id / meta.bucket); })));
        return Promise.all(buckets.map(function (bucket) {
          return load('/search-index/docs/' + bucket + '.json');
        })).then(function (docs) {
          var cards = {};
          docs.forEach(function (bucket) { Object.assign(cards, bucket); });
          return {
            ids: ids,
            cards: shown.map(function (id) { return cards[String(id)]; }).filter(Boolean),
            unsupported: query.unsupported
          };
        });
      });
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(text, found, form) {
    var section = element('section', 'search-results');
    section.setAttribute('aria-live', 'polite');
    var count = found.ids.length;
    section.appendChild(element('p', 'search-count',
      (count === 1 ? '1 article' : count + ' articles') + ' for \u201c' + text + '\u201d, newest first'));
    section.appendChild(element('p', 'search-note',
      'This copy of the site searches without a server: it finds stories that hold every word as written ' +
      '(-word leaves one out). Word forms, "phrases", OR, prefix*, filters, relevance order, snippets ' +
      'and the printed pages need the live site.' + (found.unsupported ? ' Your search used some of these; ' +
      'its words were searched as plain words.' : '')));
    found.cards.forEach(function (card) {
      var article = element('article', 'card');
      var heading = element('h2', 'card__headline');
      var link = element('a', null, card.headline);
      link.href = card.url;
      heading.appendChild(link);
      article.appendChild(heading);
      article.appendChild(element('p', 'card__meta', card.section + ' \u00b7 ' + card.date));
      section.appendChild(article);
    });
    if (count > found.cards.length) {
      section.appendChild(element('p', 'search-note', 'The newest ' + found.cards.length + ' are shown.'));
    }
    form.parentNode.insertBefore(section, form.nextSibling);
  }

  function start() {
    var text = new URLSearchParams(window.location.search).get('q');
    var input = document.getElementById('search-q');
    // The server already answered this search: its page says so by echoing the words.
    if (!text || !input || input.value === text) return;
    input.value = text;
    var load = function (path) {
      return fetch(path).then(function (response) {
        if (!response.ok) throw new Error(path + ': ' + response.status);
        return response.json();
      });
    };
    find(text, load, 50).then(function (found) { show(text, found, input.form); }, function () {
      show(text, { ids: [], cards: [], unsupported: false }, input.form);
    });
  }

  var api = { fold: fold, parse: parse, shardOf: shardOf, find: find };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    start();
  }
})();

/// The look of a review report: one colour per category from the Okabe-Ito palette (told apart
/// by readers with any common colour-vision deficiency), and one border shape per category, so
/// that a greyscale print still tells them apart; the page's CSS and its small scripts. Every
/// page carries its own copy: the report loads nothing, from anywhere.
public enum ReviewStyle {
    /// How one category's highlights look.
    public struct CategoryLook: Sendable {
        public var category: Category
        /// Two letters printed after each highlight (print has no hover).
        public var code: String
        /// The Okabe-Ito colour (border) and a light tint of it (background).
        public var colour: String
        public var tint: String
        /// The CSS of the border shape (what a greyscale print shows).
        public var border: String
        /// The shape in words, for the legend.
        public var shape: String
    }

    /// One look per category, in `Category.allCases` order.
    public static let looks: [CategoryLook] = [
        CategoryLook(category: .PATIENT, code: "PT", colour: "#D55E00", tint: "#F7D2B8", border: "border:2px solid #D55E00", shape: "solid box"),
        CategoryLook(category: .PROVIDER, code: "PR", colour: "#0072B2", tint: "#BFDDF0", border: "border:2px dashed #0072B2", shape: "dashed box"),
        CategoryLook(category: .PERSON, code: "PE", colour: "#CC79A7", tint: "#F3DCE9", border: "border:2px dotted #A0527D", shape: "dotted box"),
        CategoryLook(category: .ORG, code: "OR", colour: "#009E73", tint: "#BFE7DC", border: "border:4px double #009E73", shape: "double box"),
        CategoryLook(category: .LOCATION, code: "LO", colour: "#E69F00", tint: "#F9E4B3", border: "border-top:2px solid #B07A00;border-bottom:2px solid #B07A00", shape: "lines above and below"),
        CategoryLook(category: .DATE, code: "DA", colour: "#56B4E9", tint: "#D5ECF9", border: "border-bottom:3px solid #2F8CC4", shape: "thick line below"),
        CategoryLook(category: .AGE, code: "AG", colour: "#F0E442", tint: "#FAF5BF", border: "border-bottom:3px dashed #7A7000", shape: "dashed line below"),
        CategoryLook(category: .ID, code: "ID", colour: "#000000", tint: "#D9D9D9", border: "border-bottom:3px dotted #000000", shape: "dotted line below"),
        CategoryLook(category: .CONTACT, code: "CO", colour: "#999999", tint: "#EBEBEB", border: "border-left:3px solid #666666;border-right:3px solid #666666", shape: "bars left and right"),
    ]

    public static func look(_ category: Category) -> CategoryLook {
        looks.first { $0.category == category } ?? looks[0]
    }

    /// The CSS of every page: the base sheet, then one rule per category.
    static let css: [UInt8] = {
        var sheet = Array(baseCSS.utf8)
        for look in looks {
            let name = look.category.rawValue
            sheet += Array(".c-\(name){background:\(look.tint);\(look.border)}\n".utf8)
            sheet += Array(".sw.c-\(name){display:inline-block;width:2.6em;height:1.1em;vertical-align:middle}\n".utf8)
        }
        return sheet
    }()

    private static let baseCSS = """
        :root{color-scheme:light;--ink:#111;--muted:#555;--line:#bbb}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
        header,main,footer{padding:0 1.25rem}
        header{border-bottom:1px solid var(--line);padding-top:.6rem;padding-bottom:.6rem}
        h1{font-size:1.35rem;margin:.3rem 0}
        h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
        a{color:#0057A0}
        a:focus,button:focus,[tabindex]:focus{outline:3px solid #000;outline-offset:2px}
        code,pre,.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
        code.digest{word-break:break-all;font-size:.9em}
        .banner{background:#000;color:#fff;font-weight:700;padding:.5rem .75rem;margin:.4rem 0;border-left:.6rem solid #D55E00}
        .muted{color:var(--muted)}
        nav.pages a{margin-right:1rem}
        .state{display:inline-block;padding:0 .45em;border-radius:.3em;font-size:.85em;font-weight:700;border:2px solid #000;white-space:nowrap}
        .state.rejected{background:#000;color:#fff}
        .state.needs-review{background:#fff;color:#000;border-style:dashed}
        .state.clean{background:#fff;color:#333;border-color:#999;font-weight:400}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
        dl.facts dt{font-weight:700}
        dl.facts dd{margin:0}
        table{border-collapse:collapse;margin:.3rem 0}
        th,td{border:1px solid var(--line);padding:.2rem .45rem;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        td.zero{color:#aaa}
        thead th{background:#f2f2f2;position:sticky;top:0}
        th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;color:inherit}
        th[aria-sort=ascending] button::after{content:" \\25B2"}
        th[aria-sort=descending] button::after{content:" \\25BC"}
        tfoot td{font-weight:700;background:#f7f7f7}
        tr.row[hidden]{display:none}
        .filters button{font:inherit;margin:0 .3rem .3rem 0;padding:.15rem .6rem;border:2px solid #555;background:#fff;border-radius:.3rem;cursor:pointer}
        .filters button[aria-pressed=true]{background:#000;color:#fff;border-color:#000}
        .table-wrap{overflow-x:auto}
        #letters{font-size:.85em}
        #letters td.name{white-space:nowrap}
        #letters td.decisions{max-width:22em}
        ul.chips{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
        ul.chips li{white-space:nowrap}
        .keys{font-size:.9em}
        kbd{border:1px solid #888;border-radius:3px;padding:0 .3em;font-size:.85em;background:#f7f7f7}
        #position{display:inline-block;margin-left:1rem;font-weight:700}
        .letters{display:grid;grid-template-columns:1fr;gap:1rem;margin-bottom:2rem}
        .letters.two{grid-template-columns:1fr 1fr}
        .letters.two pre{max-height:85vh;overflow:auto}
        pre.letter{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;line-height:1.6;border:1px solid var(--line);padding:.75rem;margin:0;background:#fff}
        .column h2{margin-top:.3rem}
        .ff{display:block;border-top:2px dashed #888;margin:.4rem 0;height:0}
        mark{color:inherit;padding:0 1px;position:relative;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        mark.rm::before{content:"\\2205";font-size:.8em;color:#333;padding:0 .15em}
        mark.k{background:none;border:1px dashed #777}
        mark.r{background:#fff;outline:2px solid #000;outline-offset:0;font-weight:700}
        mark.r::before{content:"?";display:inline-block;background:#000;color:#fff;font-size:.75em;line-height:1.2;padding:0 .25em;margin-right:.15em;border-radius:.2em}
        mark.pair{outline:3px solid #000;outline-offset:2px}
        span.p{text-decoration:underline;text-decoration-color:#333;text-decoration-thickness:1px;text-underline-offset:3px}
        span.d{font-weight:700;background:#eee;outline:1px solid #555}
        span.d[data-badge]::before{content:attr(data-badge);font-weight:400;font-size:.75em;background:#555;color:#fff;padding:0 .3em;margin-right:.2em;border-radius:.2em}
        mark[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;margin-top:3px;background:#222;color:#fff;font:12px/1.3 system-ui,sans-serif;font-weight:400;padding:.2rem .45rem;border-radius:.25rem;white-space:pre;pointer-events:none}
        .legend td.sw-cell{width:3.2em}
        .error{border:2px solid #000;padding:.5rem .75rem;background:#f7f7f7}
        @media print{
          body{font-size:10pt}
          header{border:0}
          .filters,.keys,nav.pages,#position,.screen-only{display:none !important}
          tr.row[hidden]{display:table-row !important}
          thead th{position:static}
          .letters.two{grid-template-columns:1fr 1fr}
          .letters.two pre{max-height:none;overflow:visible}
          pre.letter{font-size:8.5pt;border:0;padding:0}
          mark[data-tip]:focus::after{content:none}
          mark[data-code]::after{content:attr(data-code);position:static;font-size:.65em;vertical-align:super;margin-left:1px;font-weight:700}
          a{color:inherit;text-decoration:none}
          table,tr,.banner{page-break-inside:avoid}
          .ff{page-break-after:always;border:0}
        }

        """

    /// The letter page's script: n/j and p/k move from one highlight (a substitution, a kept
    /// identifier, a residue token) to the next, r to the next residue token, [ and ] to the
    /// previous and next letter, i to the index; a focused highlight shows its details and, beside
    /// the original, its counterpart. Then it counts what the page shows into `#selftest` (for the
    /// browser tests and anyone who checks the page).
    static let letterScript: StaticString = """
        (function () {
          "use strict";
          var view = document.getElementById("redacted");
          var nav = view ? Array.prototype.slice.call(view.querySelectorAll("[data-nav]")) : [];
          var position = document.getElementById("position");
          var at = -1;
          function show(i) {
            if (position) position.textContent = (i + 1) + " of " + nav.length + ": " + nav[i].getAttribute("data-tip");
          }
          function counterpart(el, on) {
            var other = document.getElementById("o-" + el.id);
            if (!other) return;
            if (on) { other.classList.add("pair"); other.scrollIntoView({block: "nearest"}); }
            else other.classList.remove("pair");
          }
          function go(i) {
            if (!nav.length) return;
            at = (i + nav.length) % nav.length;
            nav[at].focus({preventScroll: true});
            nav[at].scrollIntoView({block: "center"});
          }
          nav.forEach(function (el, i) {
            el.addEventListener("focus", function () { at = i; show(i); counterpart(el, true); });
            el.addEventListener("blur", function () { counterpart(el, false); });
          });
          function follow(rel) {
            var link = document.querySelector("a[rel=" + rel + "]");
            if (link) window.location.assign(link.getAttribute("href"));
          }
          document.addEventListener("keydown", function (e) {
            if (e.ctrlKey || e.metaKey || e.altKey) return;
            var t = e.target;
            if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
            switch (e.key) {
              case "n": case "j": go(at + 1); break;
              case "p": case "k": go(at - 1); break;
              case "r":
                for (var s = 1; s <= nav.length; s++) {
                  var j = (at + s) % nav.length;
                  if (nav[j].classList.contains("r")) { go(j); break; }
                }
                break;
              case "[": follow("prev"); break;
              case "]": follow("next"); break;
              case "i": follow("index"); break;
              default: return;
            }
            e.preventDefault();
          });
          function ints(el, name) { return parseInt(el.getAttribute(name), 10); }
          function outside(value) {
            return /^(?:[a-z][a-z0-9+.\\-]*:|\\/|\\\\)/i.test(value) || /^(?:\\.\\.\\/){2,}/.test(value);
          }
          var marks = [], byCategory = {}, residue = [], protectedSpans = {}, external = [];
          if (view) {
            view.querySelectorAll("mark.s").forEach(function (el) {
              var cat = el.getAttribute("data-cat");
              marks.push([ints(el, "data-start"), ints(el, "data-end"), cat, el.getAttribute("data-action"), el.getAttribute("data-rule")]);
              byCategory[cat] = (byCategory[cat] || 0) + 1;
            });
            view.querySelectorAll("mark.r").forEach(function (el) {
              residue.push([ints(el, "data-start"), ints(el, "data-end"), el.getAttribute("data-reason")]);
            });
            view.querySelectorAll("span.p").forEach(function (el) {
              el.getAttribute("data-p").split(" ").forEach(function (p) { protectedSpans[p] = true; });
            });
          }
          document.querySelectorAll("[src],[href]").forEach(function (el) {
            var value = el.getAttribute("src") || el.getAttribute("href") || "";
            if (outside(value)) external.push(value);
          });
          var original = document.getElementById("original");
          var result = {
            page: "letter",
            number: parseInt(document.body.getAttribute("data-number"), 10),
            state: document.body.getAttribute("data-state"),
            title: document.title,
            withOriginal: !!original,
            marks: marks,
            byCategory: byCategory,
            residue: residue,
            kept: view ? view.querySelectorAll("mark.k").length : 0,
            protected: Object.keys(protectedSpans).length,
            decisions: view ? view.querySelectorAll("span.d[id]").length : 0,
            navigable: nav.length,
            focusable: nav.filter(function (el) { return el.tabIndex === 0; }).length,
            originalMarks: original ? original.querySelectorAll("mark.s").length : 0,
            external: external
          };
          // `#selftest-keys`: press n, n, n, p, r and note where the focus went (the browser tests).
          if (window.location.hash === "#selftest-keys") {
            result.keys = ["n", "n", "n", "p", "r"].map(function (key) {
              document.dispatchEvent(new KeyboardEvent("keydown", {key: key, bubbles: true}));
              return document.activeElement ? document.activeElement.id : null;
            });
            result.navigation = nav.map(function (el) { return el.id; });
          }
          document.getElementById("selftest").textContent = JSON.stringify(result);
        })();
        """

    /// The index's script: filter the letters by state, sort by any column (a button in each
    /// column head), and count what the page shows into `#selftest`.
    static let indexScript: StaticString = """
        (function () {
          "use strict";
          var table = document.getElementById("letters");
          var body = table.tBodies[0];
          var buttons = Array.prototype.slice.call(document.querySelectorAll(".filters button"));
          function filter(which) {
            buttons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-filter") === which ? "true" : "false"); });
            Array.prototype.forEach.call(body.rows, function (row) {
              var state = row.getAttribute("data-state");
              var show = which === "all" || state === which || (which === "attention" && state !== "clean");
              row.hidden = !show;
            });
          }
          buttons.forEach(function (b) { b.addEventListener("click", function () { filter(b.getAttribute("data-filter")); }); });
          var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
          heads.forEach(function (th, column) {
            var button = th.querySelector("button");
            if (!button) return;
            button.addEventListener("click", function () {
              var ascending = th.getAttribute("aria-sort") !== "ascending";
              heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var rows = Array.prototype.slice.call(body.rows);
              function key(row) { return row.cells[column].getAttribute("data-sort") || row.cells[column].textContent; }
              var numeric = rows.every(function (row) { return key(row) !== "" && !isNaN(Number(key(row))); });
              rows.sort(function (a, b) {
                var x = key(a), y = key(b), order;
                if (numeric) order = Number(x) - Number(y);
                else order = x < y ? -1 : x > y ? 1 : 0;
                if (order === 0) order = Number(a.getAttribute("data-number")) - Number(b.getAttribute("data-number"));
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
          function outside(value) {
            return /^(?:[a-z][a-z0-9+.\\-]*:|\\/|\\\\|\\.\\.\\/)/i.test(value);
          }
          var rows = Array.prototype.map.call(body.rows, function (row) {
            var byCategory = {};
            Array.prototype.forEach.call(row.querySelectorAll("td[data-cat]"), function (td) {
              byCategory[td.getAttribute("data-cat")] = parseInt(td.getAttribute("data-sort"), 10);
            });
            return {
              number: parseInt(row.getAttribute("data-number"), 10),
              state: row.getAttribute("data-state"),
              href: row.querySelector("a").getAttribute("href"),
              substitutions: parseInt(row.querySelector("td.subs").getAttribute("data-sort"), 10),
              byCategory: byCategory,
              residue: parseInt(row.querySelector("td.residue").getAttribute("data-sort"), 10),
              digest: row.getAttribute("data-digest") || null
            };
          });
          var totals = {};
          Array.prototype.forEach.call(table.tFoot.querySelectorAll("td[data-total]"), function (td) {
            totals[td.getAttribute("data-total")] = parseInt(td.getAttribute("data-sort"), 10);
          });
          var external = [];
          document.querySelectorAll("[src],[href]").forEach(function (el) {
            var value = el.getAttribute("src") || el.getAttribute("href") || "";
            if (outside(value)) external.push(value);
          });
          // `#selftest-controls`: press the filters and a sort button and note what shows (the browser tests).
          var controls = null;
          if (window.location.hash === "#selftest-controls") {
            var visible = function () {
              return Array.prototype.filter.call(body.rows, function (row) { return !row.hidden; }).map(function (row) {
                return parseInt(row.getAttribute("data-number"), 10);
              });
            };
            var press = function (which) { document.querySelector(".filters button[data-filter=" + which + "]").click(); return visible(); };
            controls = {attention: press("attention"), clean: press("clean"), all: press("all")};
            var subs = heads.filter(function (th) { return th.textContent === "subs"; })[0].querySelector("button");
            subs.click();
            controls.ascending = visible();
            subs.click();
            controls.descending = visible();
          }
          document.getElementById("selftest").textContent = JSON.stringify({
            controls: controls,
            page: "index",
            title: document.title,
            rows: rows,
            totals: totals,
            batchDigest: document.getElementById("batch-digest").textContent,
            filters: buttons.length,
            external: external
          });
        })();
        """
}

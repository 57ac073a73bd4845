// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Errors after a post: move focus to the summary so screen readers announce it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // The summary's links focus their field (and scroll its label into view, not just the input).
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    if (!link) return;
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector('label[for="' + field.id + '"]') || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // A preview of the chosen photo before it is uploaded.
  document.querySelectorAll('input[type="file"][data-photo-preview]').forEach(function (input) {
    var box = document.getElementById(input.getAttribute('data-photo-preview'));
    if (!box || !window.URL || !URL.createObjectURL) return;
    var image = box.querySelector('img');
    var previous = null;
    input.addEventListener('change', function () {
      if (previous) URL.revokeObjectURL(previous);
      var file = input.files && input.files[0];
      if (!file || !/^image\/(jpeg|png)$/.test(file.type)) {
        box.hidden = true;
        previous = null;
        return;
      }
      previous = URL.createObjectURL(file);
      image.src = previous;
      box.hidden = false;
    });
  });

  // A second click on a submit button does not send the form twice. Disabled after the form has
  // been sent (a disabled button would leave its own name and value out of the form).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.getAttribute('data-submitted') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-submitted', 'true');
    setTimeout(function () {
      form.querySelectorAll('[data-prevent-double-click]').forEach(function (button) {
        button.setAttribute('aria-disabled', 'true');
      });
    }, 0);
  });

  // Coming back to a page from the browser's history: its forms may be sent again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-submitted]').forEach(function (form) {
      form.removeAttribute('data-submitted');
    });
  });
})();

// Progressive enhancement of the Mẫu 01 steps. Every step works without this script.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Address cascade: filling the next list at once instead of posting the form.
  document.querySelectorAll('select[data-cascade-url]').forEach(function (select) {
    var url = select.getAttribute('data-cascade-url');
    var target = document.getElementById(select.getAttribute('data-cascade-target'));
    if (!url || !target) return;
    select.addEventListener('change', function () {
      var clear = function (el) {
        while (el.options.length > 1) el.remove(1);
        var next = document.getElementById(el.getAttribute('data-cascade-target'));
        if (next) clear(next);
      };
      clear(target);
      if (!select.value) return;
      target.setAttribute('aria-busy', 'true');
      fetch(url.replace('{code}', encodeURIComponent(select.value)), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (units) {
          units.forEach(function (u) { target.add(new Option(u.code + ' - ' + u.name, u.code)); });
        })
        .finally(function () { target.removeAttribute('aria-busy'); });
    });
  });

  // Switching the address scheme redraws the lists at once (without the script: "Cập nhật danh sách").
  document.querySelectorAll('input[name="Input.AddressScheme"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      var refresh = radio.form.querySelector('button[value="chon"]');
      if (refresh && radio.form.requestSubmit) radio.form.requestSubmit(refresh);
    });
  });

  // Photo preview before upload, and a warning for files over 5 MB before they travel.
  document.querySelectorAll('.photo-field input[type=file]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var field = input.closest('.photo-field');
      var note = field.querySelector('.client-note') || field.appendChild(document.createElement('p'));
      note.className = 'client-note hint';
      note.setAttribute('aria-live', 'polite');
      if (!file) { note.textContent = ''; return; }
      if (file.size > 5 * 1024 * 1024) { note.textContent = 'Ảnh vượt quá 5 MB; vui lòng chọn ảnh nhỏ hơn.'; return; }
      var img = field.querySelector('img.thumb') || field.insertBefore(document.createElement('img'), input);
      img.className = 'thumb';
      img.width = 160;
      img.alt = 'Xem trước ảnh đã chọn';
      img.src = URL.createObjectURL(file);
      note.textContent = 'Đã chọn: ' + file.name + ' (' + Math.round(file.size / 1024) + ' KB). Ảnh được lưu khi chọn “Tiếp”.';
    });
  });

  // Upload progress for the photo step.
  var form = document.querySelector('form.mau01[data-step="1"]');
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener('submit', function (event) {
      var hasFiles = Array.prototype.some.call(form.querySelectorAll('input[type=file]'), function (i) { return i.files && i.files.length; });
      if (!hasFiles) return;
      event.preventDefault();
      var progress = form.querySelector('progress') || form.appendChild(document.createElement('progress'));
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute('aria-label', 'Tiến độ tải ảnh lên');
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action || location.href);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total); };
      xhr.onload = function () {
        // Redirected: the step passed. Otherwise the answer is this step again with its error messages.
        if (xhr.responseURL && xhr.responseURL !== new URL(form.action || location.href, location.href).href) {
          location.href = xhr.responseURL;
        } else {
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(data);
    });
  }
})();

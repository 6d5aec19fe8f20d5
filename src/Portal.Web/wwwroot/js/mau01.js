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

  // Office picker: the box above shows the office chosen, and "Chọn cơ quan khác" lists a province's offices
  // as soon as the province is chosen instead of posting "Cập nhật danh sách cơ quan".
  document.querySelectorAll('fieldset.office-picker').forEach(function (picker) {
    var chosen = document.querySelector('.office-chosen');
    var show = function (radio) {
      if (!chosen) return;
      var item = radio.closest('li');
      chosen.querySelector('.office-path').textContent = radio.getAttribute('data-path');
      chosen.querySelector('.office-address').textContent = item.querySelector('.office-address').textContent;
      chosen.querySelector('.office-phone').textContent = item.querySelector('.office-phone').textContent;
      chosen.hidden = false;
    };
    picker.addEventListener('change', function (event) {
      if (event.target.type === 'radio' && event.target.checked) show(event.target);
    });

    var url = picker.getAttribute('data-offices-url');
    var select = picker.querySelector('select[data-offices-target]');
    var list = select && document.getElementById(select.getAttribute('data-offices-target'));
    var anyRadio = picker.querySelector('input[type=radio]');
    if (!url || !list) return;
    var radioName = anyRadio ? anyRadio.name : 'Input.OfficeCode';
    var suggested = picker.getAttribute('data-suggested');
    var request = 0;
    var span = function (className, text) {
      var s = document.createElement('span');
      s.className = className;
      s.textContent = text;
      return s;
    };
    select.addEventListener('change', function () {
      var pinned = Array.prototype.filter.call(picker.querySelectorAll('input[type=radio]'), function (r) { return !list.contains(r); })
        .map(function (r) { return r.value; });
      if (chosen && list.querySelector('input:checked')) chosen.hidden = true;
      while (list.firstChild) list.removeChild(list.firstChild);
      var mine = ++request;
      if (!select.value) return;
      list.setAttribute('aria-busy', 'true');
      fetch(url.replace('{code}', encodeURIComponent(select.value)), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (offices) {
          if (mine !== request) return;
          var province = offices[0];
          offices.forEach(function (o) {
            if (pinned.indexOf(o.code) >= 0) return;
            var input = document.createElement('input');
            input.type = 'radio';
            input.name = radioName;
            input.value = o.code;
            input.setAttribute('data-path', o === province ? o.name : province.name + ' \u00bb ' + o.name);
            var label = document.createElement('label');
            label.append(input, ' ', span('office-code', '[' + o.code + ']'), ' ', span('office-name', o.name));
            if (o.code === suggested) {
              var mark = document.createElement('strong');
              mark.className = 'suggested';
              mark.textContent = ' (gợi ý theo địa chỉ)';
              label.append(mark);
            }
            var contact = span('office-contact', 'Địa chỉ: ');
            contact.append(span('office-address', o.address || 'chưa cập nhật'), ' · Điện thoại: ', span('office-phone', o.phone || 'chưa cập nhật'));
            var item = document.createElement('li');
            item.className = 'office';
            item.append(label, contact);
            list.appendChild(item);
          });
        })
        .finally(function () { if (mine === request) list.removeAttribute('aria-busy'); });
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

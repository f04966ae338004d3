#!/usr/bin/env python3
"""Upsert UI strings into the two resource files (zh-CN neutral, en).

Usage: tools/i18n.py < strings.tsv     (lines: KEY<TAB>中文<TAB>English; '#' lines ignored)
       tools/i18n.py --check            (exit 1 if the two files differ in keys or have empty values)
The .resx files stay the source of truth; this only saves hand-editing XML twice.
"""
import sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

BASE = __file__.rsplit('/tools/', 1)[0] + '/src/ClientCrm.Web/Resources/SharedResource'
FILES = {'zh': BASE + '.resx', 'en': BASE + '.en.resx'}
HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        return {}
    return {d.get('name'): (d.findtext('value') or '') for d in root.findall('data')}

def save(path, data):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(data):
            f.write(f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(data[k])}</value></data>\n')
        f.write('</root>\n')

def main():
    zh, en = load(FILES['zh']), load(FILES['en'])
    if '--check' in sys.argv:
        bad = sorted(set(zh) ^ set(en)) + [k for k in zh if not zh[k].strip() or not en.get(k, '').strip()]
        for k in bad:
            print('resource key out of step:', k)
        sys.exit(1 if bad else 0)
    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f'bad line (need KEY<TAB>zh<TAB>en): {line!r}')
        k, z, e = parts
        zh[k], en[k] = z, e
    save(FILES['zh'], zh)
    save(FILES['en'], en)
    print(f'{len(zh)} keys')

main()

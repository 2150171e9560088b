#!/usr/bin/env python3
"""Splits a labelled image zip by class into an upload of the training classes and a zip of held-out classes.

Classes are people or writers: a folder per class (`userN/genuine`, `userN/forged` stay under their class) or, for
Yale's flat `yalefaces/subjectNN.condition` names, the part before the first dot. The first --train classes in name
order go to train.zip, the rest to heldout.zip, each as one folder per class, so no person or writer is in both.
"""
import argparse, os, zipfile

def class_of(name):
    parts = name.split('/')
    if len(parts) >= 3 and parts[-2].lower() in ('genuine', 'forged', 'forgeries', 'impostors'):
        return parts[-3], '/'.join(parts[-2:])
    if len(parts) >= 2 and '.' in parts[-1] and not parts[-1].lower().endswith(('.png', '.jpg', '.jpeg', '.gif', '.bmp')):
        return parts[-1].split('.')[0], parts[-1]
    return parts[-2], parts[-1]

def main():
    p = argparse.ArgumentParser()
    p.add_argument('zip'); p.add_argument('--train', type=int, required=True); p.add_argument('--out', required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with zipfile.ZipFile(a.zip) as z:
        entries = [i for i in z.infolist() if not i.is_dir() and not os.path.basename(i.filename).startswith('.')
                   and 'readme' not in i.filename.lower()]
        by_class = {}
        for e in entries:
            c, rest = class_of(e.filename)
            by_class.setdefault(c, []).append((e, rest))
        names = sorted(by_class, key=lambda n: (len(n), n))
        for target, chosen in (('train.zip', names[:a.train]), ('heldout.zip', names[a.train:])):
            if not chosen:
                continue
            with zipfile.ZipFile(os.path.join(a.out, target), 'w', zipfile.ZIP_DEFLATED) as out:
                for c in chosen:
                    for e, rest in by_class[c]:
                        out.writestr(f'{c}/{rest}', z.read(e))
            print(f'{target}: {len(chosen)} classes ({chosen[0]} .. {chosen[-1]})')

main()

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs.py" line="410"/>
        <source>%n post(s) will be exported.</source>
        <translation>
            <numerusform>%n post will be exported.</numerusform>
            <numerusform>%n posts will be exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs.py" line="412"/>
        <source>%n post(s) went out before and are left out.</source>
        <translation>
            <numerusform>%n post went out before and is left out.</numerusform>
            <numerusform>%n posts went out before and are left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="402"/>
        <location filename="../../ui/main_window.py" line="862"/>
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="797"/>
        <source>Sample loaded: %n batch(es)</source>
        <translation>
            <numerusform>Sample loaded: %n batch</numerusform>
            <numerusform>Sample loaded: %n batches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="798"/>
        <source>%n starter glossary(ies)</source>
        <translation>
            <numerusform>%n starter glossary</numerusform>
            <numerusform>%n starter glossaries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="804"/>
        <source>Glossary %1: %n entry(s)</source>
        <translation>
            <numerusform>Glossary %1: %n entry</numerusform>
            <numerusform>Glossary %1: %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="814"/>
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n new event</numerusform>
            <numerusform>%n new events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="815"/>
        <source>%n post(s) changed</source>
        <translation>
            <numerusform>%n post changed</numerusform>
            <numerusform>%n posts changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="820"/>
        <source>%n post(s) in conflict: Review &gt; Resolve conflict…</source>
        <translation>
            <numerusform>%n post in conflict: Review &gt; Resolve conflict…</numerusform>
            <numerusform>%n posts in conflict: Review &gt; Resolve conflict…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="863"/>
        <source>and %n event(s) were written to</source>
        <translation>
            <numerusform>and %n event were written to</numerusform>
            <numerusform>and %n events were written to</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="808"/>
        <source>%1: %n memory unit(s)</source>
        <translation>
            <numerusform>%1: %n memory unit</numerusform>
            <numerusform>%1: %n memory units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="856"/>
        <source>%n post(s) changed since the batch was shared out and keep their reviewer; use Review &gt; Assign to… for them.</source>
        <translation>
            <numerusform>%n post changed since the batch was shared out and keeps its reviewer; use Review &gt; Assign to… for it.</numerusform>
            <numerusform>%n posts changed since the batch was shared out and keep their reviewer; use Review &gt; Assign to… for them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="864"/>
        <source>%n post(s) of other reviewers were left out.</source>
        <translation>
            <numerusform>%n post of other reviewers was left out.</numerusform>
            <numerusform>%n posts of other reviewers were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="913"/>
        <source>%n post(s) written to
%1

SHA-256: %2</source>
        <translation>
            <numerusform>%n post written to
%1

SHA-256: %2</numerusform>
            <numerusform>%n posts written to
%1

SHA-256: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="919"/>
        <source>Left out (still approved): %n post(s) with %1</source>
        <translation>
            <numerusform>Left out (still approved): %n post with %1</numerusform>
            <numerusform>Left out (still approved): %n posts with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="938"/>
        <source>The report of %n post(s) was written to
%1</source>
        <translation>
            <numerusform>The report of %n post was written to
%1</numerusform>
            <numerusform>The report of %n posts was written to
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncControl</name>
    <message numerus="yes">
        <location filename="../../ui/sync.py" line="47"/>
        <source>%n event(s) waiting</source>
        <translation>
            <numerusform>%n event waiting</numerusform>
            <numerusform>%n events waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync.py" line="92"/>
        <source>%n post(s) in conflict: Review &gt; Resolve conflict…</source>
        <translation>
            <numerusform>%n post in conflict: Review &gt; Resolve conflict…</numerusform>
            <numerusform>%n posts in conflict: Review &gt; Resolve conflict…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionPanel</name>
    <message numerus="yes">
        <location filename="../../ui/exchange.py" line="138"/>
        <source>Annotations: %n</source>
        <translation>
            <numerusform>Annotations: %n</numerusform>
            <numerusform>Annotations: %n</numerusform>
        </translation>
    </message>
</context>
</TS>

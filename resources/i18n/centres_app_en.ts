<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name></name>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="16"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="17"/>
        <source>Mots clés associés à l&apos;action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="18"/>
        <source>Résumé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="19"/>
        <source>Qui est à l&apos;initiative de l&apos;action ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="20"/>
        <source>Précision (si autre)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="21"/>
        <source>Territoire concerné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="25"/>
        <source>Description de l&apos;expérience, ses objectifs, ses acteurs et ses différentes phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="30"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/description_tab.py" line="31"/>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="66"/>
        <source>Description générale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/resources_tab.py" line="27"/>
        <source>Ressources financières mobilisées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/resources_tab.py" line="28"/>
        <source>Nombre de personnes mobilisées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/results_tab.py" line="16"/>
        <source>Résultat sur le territoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/results_tab.py" line="17"/>
        <source>Résultat pour le centre social</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/results_tab.py" line="18"/>
        <source>Résultat pour les habitants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/results_tab.py" line="19"/>
        <source>Suite de l&apos;action : limites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/results_tab.py" line="20"/>
        <source>Suite de l&apos;action : perspectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="58"/>
        <source>Publié par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="59"/>
        <source>Thèmes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="60"/>
        <source>Fichier(s) associé(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="63"/>
        <source>Quels furent les éléments de diagnostic à l&apos;origine de l&apos;expérience ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="65"/>
        <source>Mots clés associés à l&apos;actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="70"/>
        <source>Description de l&apos;expérience, ses objectifs, ses acteurs et ses différentes phases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="78"/>
        <source>Quels sont les impacts ou effets positifs produits par cette expérience au niveau du public, du centre social ou de l&apos;environnement ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="83"/>
        <source>Quels furent les facteurs de réussite de cette expérience ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="85"/>
        <source>Quelles sont les limites de cette expérience ?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionListModel</name>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="315"/>
        <source>Erreur de lecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="437"/>
        <source>Ligne illisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="452"/>
        <source>Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="453"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="454"/>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="455"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="456"/>
        <source>Statut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="457"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/models/action_list_model.py" line="458"/>
        <source>Complétude</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionTab</name>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/base_tab.py" line="134"/>
        <source>Flèches, Page préc. et Page suiv. font défiler la fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/base_tab.py" line="206"/>
        <source>{} (lecture)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionTable</name>
    <message>
        <location filename="../../centres_app/ui/widgets/action_table.py" line="27"/>
        <source>Liste des actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="99"/>
        <source>Erreur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="102"/>
        <source>Erreur inattendue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="103"/>
        <source>Une erreur inattendue s&apos;est produite ; vos données enregistrées ne sont pas touchées.

Détail : {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="174"/>
        <location filename="../../centres_app/ui/app/startup.py" line="222"/>
        <location filename="../../centres_app/ui/app/startup.py" line="312"/>
        <source>Actions des centres sociaux</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="175"/>
        <source>La base choisie dans « Base de données… » est inaccessible ; la base locale par défaut est ouverte.

{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="232"/>
        <source>Cette base est déjà ouverte dans cette fenêtre (une fenêtre par base).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="256"/>
        <source>Connexion réussie : {n} action(s) dans cette base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/app/startup.py" line="378"/>
        <source>Ouvrir une autre base</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="39"/>
        <source>Document PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="40"/>
        <source>Texte (ODT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="43"/>
        <source>Tableur (ODS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="46"/>
        <source>Présentation (ODP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="49"/>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="50"/>
        <source>Texte (Word)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="53"/>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="54"/>
        <source>Tableur (Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="57"/>
        <source>Présentation (PowerPoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="60"/>
        <source>Archive ZIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="61"/>
        <source>Texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="62"/>
        <source>Tableau CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="92"/>
        <source>Aucun fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="100"/>
        <source>Fichiers associés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="102"/>
        <source>Nom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="102"/>
        <source>Taille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="102"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="115"/>
        <source>Ouvrir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="117"/>
        <source>Ouvrir avec l&apos;application du système</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="118"/>
        <source>Enregistrer une copie…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="120"/>
        <source>Ajouter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="123"/>
        <source>Joindre des fichiers (ou déposez-les sur la liste) ; {limit} au plus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="127"/>
        <source>Retirer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="178"/>
        <source>« {name} » n&apos;est pas un fichier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="184"/>
        <source>« {name} » ({size}) dépasse la taille maximale d&apos;un fichier joint ({limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="199"/>
        <source>« {name} » n&apos;a pas pu être lu : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="206"/>
        <source>« {name} » dépasse la taille maximale ({limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="225"/>
        <source>Fichier non ajouté</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="226"/>
        <source>Les fichiers refusés n&apos;ont pas été joints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="250"/>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="259"/>
        <source>Ouverture impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="251"/>
        <source>Impossible de préparer « {name} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="261"/>
        <source>Aucune application n&apos;a pu ouvrir « {name} ». Enregistrez-en une copie pour l&apos;ouvrir vous-même.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="274"/>
        <source>Enregistrer une copie de « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="276"/>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="366"/>
        <source>Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="285"/>
        <source>Le fichier existe déjà</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="286"/>
        <source>« {name} » existe déjà dans le dossier « {folder} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="289"/>
        <source>Remplacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="290"/>
        <source>Le remplacer par le fichier joint ? Son contenu sera perdu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="301"/>
        <source>Enregistrement annulé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="303"/>
        <source>« {name} » vient d&apos;apparaître dans ce dossier : il n&apos;a pas été remplacé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="310"/>
        <source>Enregistrement impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="311"/>
        <source>« {name} » n&apos;a pas pu être enregistré : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="364"/>
        <source>Joindre des fichiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="406"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="408"/>
        <source>Son</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/attachments_widget.py" line="410"/>
        <source>Vidéo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosedChoiceEditor</name>
    <message>
        <location filename="../../centres_app/ui/widgets/field_editors.py" line="229"/>
        <source>{} (hors liste SENACS)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="41"/>
        <source>Colonnes de la liste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="45"/>
        <source>Colonnes affichées, dans l&apos;ordre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="59"/>
        <source>Monter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="61"/>
        <source>Descendre</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparisonTable</name>
    <message>
        <location filename="../../centres_app/ui/widgets/comparison_table.py" line="44"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepartmentEditor</name>
    <message>
        <location filename="../../centres_app/ui/widgets/field_editors.py" line="279"/>
        <source>Code ou nom, ex. 26 ou Drôme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/field_editors.py" line="310"/>
        <source>« {} » n&apos;est pas un département : choisissez-le dans la liste</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailHeader</name>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="135"/>
        <source>Modifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="137"/>
        <source>Modifier cette action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="164"/>
        <source>&amp;Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="166"/>
        <source>Structure organisatrice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="171"/>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="173"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="175"/>
        <source>Statut de l&apos;action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="178"/>
        <source>Raisons pour lesquelles l&apos;action est terminée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="193"/>
        <source>Sans titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="195"/>
        <source>Structure non renseignée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="199"/>
        <source>Année non renseignée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="210"/>
        <source>Dimension non renseignée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/header.py" line="217"/>
        <source>Raison de la fin : {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="90"/>
        <location filename="../../centres_app/ui/window/search_feedback.py" line="44"/>
        <source>Aucune action sélectionnée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="109"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="110"/>
        <source>Partenaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="111"/>
        <source>Ressources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="112"/>
        <source>Résultats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="115"/>
        <source>Expérience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="116"/>
        <source>Pièces jointes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="143"/>
        <source>Complétude et expériences similaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="145"/>
        <source>Afficher ou masquer la complétude de la fiche et les expériences similaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/pane.py" line="444"/>
        <source>Fiche complète à {} % · expériences similaires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditingCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="46"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="67"/>
        <source>Enregistrement en cours : réessayez dans un instant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="111"/>
        <source>Action non enregistrée : corrigez les champs signalés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="125"/>
        <location filename="../../centres_app/ui/commands/editing.py" line="129"/>
        <source>Enregistrement impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="138"/>
        <source>Action enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="151"/>
        <source>Enregistrement de l&apos;action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="169"/>
        <source> (copie)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="210"/>
        <source>Modifications abandonnées.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="253"/>
        <source>Suppression annulée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="259"/>
        <source>Suppression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="272"/>
        <source>Action supprimée : « {title} ». Ctrl+Z pour l&apos;annuler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="291"/>
        <source>L&apos;action n&apos;est plus dans la corbeille.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="294"/>
        <source>Restauration impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/editing.py" line="299"/>
        <source>Action restaurée.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="75"/>
        <source>Exporter des actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="92"/>
        <location filename="../../centres_app/ui/commands/exchange.py" line="112"/>
        <source>Export impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="95"/>
        <location filename="../../centres_app/ui/commands/exchange.py" line="99"/>
        <source>Export annulé : aucun fichier écrit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="107"/>
        <source>Écriture de {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="114"/>
        <source>{n} action(s) exportée(s) dans {name} ({format}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="119"/>
        <source>{n} donnée(s) personnelle(s) possible(s) exportée(s) en connaissance de cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="123"/>
        <source>Export terminé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="148"/>
        <source>Préparation de l&apos;export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="163"/>
        <source>Importer des actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="166"/>
        <source>Actions SENACS, JSON, CSV ou classeur (*.txt *.json *.csv *.xlsx *.ods);;Texte SENACS (*.txt);;Fichier d&apos;échange JSON (*.json);;Tableau CSV (*.csv);;Classeur Excel (*.xlsx);;Classeur LibreOffice (*.ods);;Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="213"/>
        <source>Lecture de {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="189"/>
        <source>Fichier illisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="225"/>
        <source>Comparaison avec la base…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="234"/>
        <location filename="../../centres_app/ui/commands/exchange.py" line="255"/>
        <source>Import impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="244"/>
        <source>Import annulé : rien n&apos;a été modifié.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="250"/>
        <source>Import de {n} action(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="259"/>
        <source>{name} : {created} action(s) créée(s), {updated} mise(s) à jour, {unchanged} inchangée(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="269"/>
        <source>Champs vidés ou raccourcis (version précédente gardée dans l&apos;historique) :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="272"/>
        <source>action n° {id} « {title} » : {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/exchange.py" line="275"/>
        <source>Import terminé</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExperienceTab</name>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="93"/>
        <source>Un nom de fichier ou une adresse par ligne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="98"/>
        <source>Ancienne fiche « expérience » de SENACS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/experience.py" line="105"/>
        <source>Ancienne fiche « expérience » de SENACS : l&apos;année, la structure, le département et le statut y sont facultatifs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="29"/>
        <source>JSON d&apos;échange (avec les pièces jointes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="31"/>
        <source>Fichier d&apos;échange JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="34"/>
        <source>CSV tableur (séparateur « ; »)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="36"/>
        <source>Tableau CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="39"/>
        <source>ODS (LibreOffice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="41"/>
        <source>Classeur OpenDocument (*.ods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="44"/>
        <source>XLSX (Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="46"/>
        <source>Classeur Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="49"/>
        <source>Texte SENACS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="51"/>
        <source>Texte SENACS (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="94"/>
        <source>Exporter des actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="97"/>
        <source>Actions à exporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="99"/>
        <source>Toutes les actions ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="102"/>
        <source>Le résultat affiché ({n} actions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="105"/>
        <source>La sélection ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="127"/>
        <source>Format :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="132"/>
        <source>Exporter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/export_dialog.py" line="135"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldView</name>
    <message>
        <location filename="../../centres_app/ui/widgets/field_view.py" line="13"/>
        <source>Non renseigné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/field_view.py" line="48"/>
        <source>{} octets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="18"/>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="19"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="20"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="21"/>
        <source>Statut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="22"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="23"/>
        <source>Mots clés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="24"/>
        <source>Initiative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="25"/>
        <source>Territoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="26"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="27"/>
        <source>Partenaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="28"/>
        <source>Thèmes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="66"/>
        <source>depuis {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="68"/>
        <source>jusqu&apos;à {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="88"/>
        <source>Filtres actifs :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="112"/>
        <source>Retirer ce filtre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/filter_chips.py" line="113"/>
        <source>Retirer le filtre {chip}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="143"/>
        <source>Réinitialiser les filtres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="159"/>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="160"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="161"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="162"/>
        <source>Statut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="163"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="164"/>
        <source>Mots clés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="165"/>
        <source>Initiative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="166"/>
        <source>Territoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="167"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="168"/>
        <source>Partenaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="193"/>
        <source>Année de début</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="194"/>
        <source>Année de fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="195"/>
        <source>De</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="197"/>
        <source>à</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="205"/>
        <source>Actions par année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="274"/>
        <source>Aucune année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="333"/>
        <source>… et {n} autres : précisez la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/filter_panel.py" line="335"/>
        <source>Aucune valeur</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/help.py" line="17"/>
        <source>Langage de recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/help.py" line="19"/>
        <source>Les mots sont cherchés ensemble, sans tenir compte des accents ni des majuscules : « reveillon » trouve « Réveillon ».
Le dernier mot est un début de mot : « édu » trouve « éducation ».
&quot;une expression&quot; cherche l&apos;expression exacte ; -mot exclut un mot.
Les filtres à gauche se combinent : OU dans un même filtre, ET entre filtres.

Filtres dans le texte (clé:valeur, sans accents ni majuscules obligatoires) :
  annee:2019, annee:2019..2022, annee:..2020, annee:2019..
  dep:Drôme, mot:Parentalité, public:Seniors, partenaire:Caf
  statut:Terminée, dimension:Citoyenneté, initiative:…, territoire:…, theme:…
  structure:&quot;MPT CENTRE VILLE&quot; (guillemets si la valeur a des espaces)
Chaque filtre actif s&apos;affiche au-dessus de la liste ; ✕ le retire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/help.py" line="37"/>
        <source>À propos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/help.py" line="39"/>
        <source>Actions des centres sociaux, version {version}
Saisie, recherche hors ligne et fiches actions au format SENACS.
Base : {store}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="50"/>
        <source>Historique de « {title} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="58"/>
        <source>Historique illisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="62"/>
        <source>Versions de l&apos;action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="64"/>
        <source>Version actuelle (n° {v}) — {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="71"/>
        <source>Version n° {v} — {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="75"/>
        <source>conflit de synchronisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="80"/>
        <source>Version mise de côté par une synchronisation : l&apos;action avait été modifiée des deux côtés. Fichier › Conflits de synchronisation… permet de choisir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="94"/>
        <source>Champs de la version choisie et de l&apos;actuelle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="92"/>
        <source>Version choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="92"/>
        <source>Version actuelle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="105"/>
        <source>Restaurer cette version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="107"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="114"/>
        <source>Aucune version précédente : l&apos;action n&apos;a pas été modifiée depuis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="163"/>
        <source>Action modifiée ailleurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="167"/>
        <source>Rien n&apos;a été restauré. Fermez l&apos;historique et rouvrez-le : il montrera la dernière version enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="173"/>
        <source>Version introuvable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="176"/>
        <source>Restauration impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="190"/>
        <source>La version actuelle de l&apos;action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="192"/>
        <source>Cette version est identique à la version actuelle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/history_dialog.py" line="196"/>
        <source>{n} champ(s) diffèrent de la version actuelle (en gras). « Restaurer cette version » la rend actuelle ; la version actuelle reste dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="34"/>
        <source>Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="35"/>
        <source>Département</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="36"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="37"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="38"/>
        <source>Fichiers associés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="39"/>
        <source>Statut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="40"/>
        <source>Raisons de l&apos;arrêt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="41"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="42"/>
        <source>Mots clés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="43"/>
        <source>Résumé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="44"/>
        <source>Initiative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="45"/>
        <source>Précision sur l&apos;initiative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="46"/>
        <source>Territoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="47"/>
        <source>Expérience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="48"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="49"/>
        <source>Partenaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="50"/>
        <source>Description générale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="51"/>
        <source>Ressources financières</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="52"/>
        <source>Personnes mobilisées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="53"/>
        <source>Résultat sur le territoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="54"/>
        <source>Résultat pour le centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="55"/>
        <source>Résultat pour les habitants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="56"/>
        <source>Limites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="57"/>
        <source>Perspectives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="138"/>
        <source>Aperçu de l&apos;import : {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="149"/>
        <source>{name} : {total} action(s). {new} nouvelle(s), {updated} mise(s) à jour, {unchanged} inchangée(s), {duplicates} doublon(s) probable(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="160"/>
        <source>Rien à importer : la base contient déjà ces actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="163"/>
        <source>Un doublon probable serait créé comme nouvelle action : vérifiez son titre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="176"/>
        <source>Attention : {n} action(s) mise(s) à jour perdrai(en)t du contenu (champs vidés ou raccourcis, voir l&apos;onglet « Champs vidés »). Le fichier est peut-être incomplet. La version actuelle de chaque action sera gardée dans son historique et pourra être restaurée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="188"/>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="217"/>
        <source>N°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="188"/>
        <source>Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="188"/>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="220"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="188"/>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="221"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="191"/>
        <source>Nouvelles ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="197"/>
        <source>Mises à jour ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="198"/>
        <source>Champs modifiés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="206"/>
        <source>Champs vidés ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="207"/>
        <source>Champs vidés ou raccourcis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="215"/>
        <source>Doublons probables ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="218"/>
        <source>Titre importé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="219"/>
        <source>Action existante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="222"/>
        <source>Ressemblance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="238"/>
        <source>Inchangées ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="262"/>
        <source>Importer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/import_preview_dialog.py" line="266"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="99"/>
        <source>&amp;Statistiques</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="101"/>
        <source>Graphiques et totaux du résultat affiché (Ctrl+Maj+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="233"/>
        <source>Statistiques indisponibles : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="240"/>
        <source>Total des montants indisponible : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="279"/>
        <source>Rapport statistique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="288"/>
        <location filename="../../centres_app/ui/commands/insight.py" line="314"/>
        <source>Rapport impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="293"/>
        <source>Rapport statistique — aperçu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="299"/>
        <source>Enregistrer le rapport en PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="301"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/insight.py" line="316"/>
        <source>Rapport enregistré : {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListMenus</name>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="142"/>
        <source>Ouvrir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="143"/>
        <source>Modifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="144"/>
        <source>Dupliquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="145"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="147"/>
        <source>Exporter la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="151"/>
        <source>Supprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="193"/>
        <source>Choisir les colonnes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/list_menus.py" line="196"/>
        <source>Colonnes par défaut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../centres_app/ui/window/main_window.py" line="77"/>
        <source>Actions des centres sociaux</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/main_window.py" line="328"/>
        <source>Compteurs des filtres indisponibles : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/main_window.py" line="333"/>
        <source>Lignes illisibles dans la liste : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/main_window.py" line="365"/>
        <source>Cette action n&apos;existe plus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/window/main_window.py" line="368"/>
        <source>Lecture impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="78"/>
        <source>&amp;Nouvelle action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="81"/>
        <source>Saisir une nouvelle action (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="86"/>
        <source>&amp;Modifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="89"/>
        <source>Modifier l&apos;action affichée (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="94"/>
        <source>&amp;Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="97"/>
        <source>Enregistrer l&apos;action (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="102"/>
        <source>&amp;Annuler la saisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="105"/>
        <source>Abandonner les modifications en cours (Échap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="112"/>
        <source>&amp;Supprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="115"/>
        <source>Supprimer l&apos;action affichée (Suppr ; annulable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="122"/>
        <source>&amp;Dupliquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="125"/>
        <source>Créer une nouvelle action à partir de celle-ci (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="132"/>
        <source>Annuler la &amp;suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="135"/>
        <source>Rétablir l&apos;action supprimée (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="140"/>
        <source>&amp;Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="143"/>
        <source>Imprimer la fiche action (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="148"/>
        <source>Aperçu avant i&amp;mpression…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="151"/>
        <source>Aperçu de la fiche action (Ctrl+Maj+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="156"/>
        <source>Exporter en &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="159"/>
        <source>Enregistrer des fiches actions en PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="164"/>
        <source>Aperçu du &amp;dossier de tout le résultat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="167"/>
        <source>Un dossier de toutes les actions affichées : couverture, sommaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="174"/>
        <source>Exporter tout le résultat en PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="177"/>
        <source>Enregistrer en PDF le dossier de toutes les actions affichées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="184"/>
        <source>&amp;Base de données…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="187"/>
        <source>Choisir la base ouverte au démarrage : fichier local ou serveur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="194"/>
        <source>Imp&amp;orter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="289"/>
        <source>Corb&amp;eille…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="197"/>
        <source>Importer un fichier SENACS (texte), d&apos;échange (JSON) ou CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="204"/>
        <source>C&amp;oller des actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="207"/>
        <source>Importer les actions copiées depuis le site SENACS (liste ou page « expérience ») (Ctrl+Maj+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="216"/>
        <source>E&amp;xporter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="219"/>
        <source>Exporter les actions (JSON, CSV, ODS, XLSX, SENACS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="226"/>
        <source>&amp;Quitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="232"/>
        <source>&amp;Rechercher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="235"/>
        <source>Aller au champ de recherche (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="240"/>
        <source>Réinitialiser les &amp;filtres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="243"/>
        <source>Décocher tous les filtres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="248"/>
        <source>Panneau des &amp;filtres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="253"/>
        <source>Trier par &amp;pertinence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="256"/>
        <source>Les actions dont le titre correspond à la recherche d&apos;abord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="263"/>
        <source>&amp;Langage de recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="265"/>
        <source>À &amp;propos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="269"/>
        <source>Sauvegarder une &amp;copie…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="272"/>
        <source>Enregistrer une copie complète de la base (clé USB, autre disque)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="279"/>
        <source>&amp;Restaurer une sauvegarde…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="282"/>
        <source>Remplacer la base par une sauvegarde (la base actuelle est gardée)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="292"/>
        <source>Les actions supprimées : les restaurer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="297"/>
        <source>&amp;Historique de l&apos;action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="300"/>
        <source>Les versions précédentes de l&apos;action affichée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="315"/>
        <source>&amp;Fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="328"/>
        <source>É&amp;dition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="336"/>
        <source>&amp;Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="345"/>
        <source>Affic&amp;hage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="349"/>
        <source>Aid&amp;e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/actions.py" line="378"/>
        <source>Barre d&apos;outils</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartnersTab</name>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/partners_tab.py" line="14"/>
        <source>Partenaires d&apos;action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasteCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="44"/>
        <source>Presse-papiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="55"/>
        <source>Rien à importer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="58"/>
        <source>Sélectionnez toute la page SENACS (la liste « Les actions des centres sociaux » avec son tableau, ou une page « expérience » depuis « Actions ») dans le navigateur, copiez-la (Ctrl+C), puis choisissez Édition › Coller des actions (Ctrl+Maj+V). Un fichier se dépose aussi sur la fenêtre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="76"/>
        <source>{name}, ligne {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="113"/>
        <source>Dépôt impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="115"/>
        <source>Seuls des fichiers de cet ordinateur peuvent être déposés : « {url} » est une adresse. Ouvrez la page dans le navigateur, sélectionnez-la et copiez-la, puis choisissez Édition › Coller des actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/paste.py" line="121"/>
        <source>Texte déposé</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonalDataDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="36"/>
        <source>Données personnelles possibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="43"/>
        <source>{n} passage(s) de {m} action(s) ressemblent à des données personnelles d&apos;habitants (e-mail, téléphone, adresse, nom). Vous pouvez annuler pour les corriger, ou imprimer quand même en connaissance de cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="49"/>
        <source>{n} passage(s) de {m} action(s) ressemblent à des données personnelles d&apos;habitants (e-mail, téléphone, adresse, nom). Vous pouvez annuler pour les corriger, ou exporter quand même en connaissance de cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="61"/>
        <source>Données personnelles trouvées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="63"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="63"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="63"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="63"/>
        <source>Extrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="71"/>
        <source>n° {id} « {title} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="90"/>
        <source>Exporter quand même</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="90"/>
        <source>Imprimer quand même</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/personal_data_dialog.py" line="94"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/printing.py" line="50"/>
        <source>Rien à imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/printing.py" line="51"/>
        <source>Sélectionnez au moins une action dans la liste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/printing.py" line="62"/>
        <location filename="../../centres_app/ui/commands/printing.py" line="70"/>
        <source>Impression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/printing.py" line="78"/>
        <source>Préparation de l&apos;impression…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <location filename="../../centres_app/ui/messages.py" line="80"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResourcesTab</name>
    <message>
        <location filename="../../centres_app/ui/detail/tabs/resources_tab.py" line="35"/>
        <location filename="../../centres_app/ui/detail/tabs/resources_tab.py" line="38"/>
        <source>Fichiers associés</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="41"/>
        <source>Le nombre d&apos;actions de ce fichier n&apos;est pas connu avant la restauration (la base actuelle en contient {current}) : il sera comparé juste après, et vous pourrez revenir en arrière.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="48"/>
        <source>Cette sauvegarde contient {backup} actions, la base actuelle {current} : {lost} actions seraient perdues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="68"/>
        <source>Restaurer une sauvegarde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="74"/>
        <source>La base actuelle est illisible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="76"/>
        <source>La base actuelle contient {n} actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="83"/>
        <source>Choisissez la sauvegarde à restaurer ; le contenu actuel sera d&apos;abord sauvegardé lui aussi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="91"/>
        <source>Sauvegardes disponibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="93"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="93"/>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="93"/>
        <source>Fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="102"/>
        <source>Aucune sauvegarde pour le moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="112"/>
        <source>Autre fichier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="114"/>
        <source>Restaurer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="116"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="151"/>
        <source>Autre fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="180"/>
        <source>Restaurer depuis un fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/restore_backup_dialog.py" line="182"/>
        <source>Bases d&apos;actions (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultCounts</name>
    <message>
        <location filename="../../centres_app/ui/widgets/result_counts.py" line="28"/>
        <source>Aucune action ne correspond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/result_counts.py" line="30"/>
        <source>1 action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/result_counts.py" line="32"/>
        <source>{n} actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/result_counts.py" line="35"/>
        <source>{n} action affichée / {m} au total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/result_counts.py" line="37"/>
        <source>{n} actions affichées / {m} au total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="39"/>
        <source>Sauvegarder une copie de la base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="41"/>
        <source>Base d&apos;actions (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="52"/>
        <location filename="../../centres_app/ui/commands/safety.py" line="61"/>
        <source>Sauvegarde impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="53"/>
        <source>Choisissez un autre fichier que la base elle-même.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="66"/>
        <source>Copie de la base enregistrée ({n} actions) : {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="78"/>
        <location filename="../../centres_app/ui/commands/safety.py" line="189"/>
        <source>Restauration impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="79"/>
        <source>Cette base n&apos;est pas un fichier : restaurez-la depuis son serveur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="88"/>
        <source>Sauvegardes illisibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="112"/>
        <source>Remplacer le contenu de la base par « {name} » ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="114"/>
        <source>Le contenu actuel ({current} actions) sera d&apos;abord sauvegardé, pour pouvoir y revenir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="118"/>
        <source>Restaurer quand même ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="119"/>
        <source>Restaurer quand même</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="123"/>
        <source>Restaurer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="125"/>
        <source>Restaurer une sauvegarde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="133"/>
        <source>Sauvegarde restaurée : la base contient maintenant {n} actions.

L&apos;ancien contenu a été sauvegardé dans :
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="141"/>
        <source>Sauvegarde plus petite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="143"/>
        <source>Ce fichier contenait {n} actions, la base en avait {current} : {lost} actions ont disparu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="147"/>
        <source>Revenir à la base précédente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="148"/>
        <source>Garder la sauvegarde restaurée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="163"/>
        <source>Retour impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="170"/>
        <source>Base précédente rétablie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="171"/>
        <source>La base contient de nouveau {n} actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="177"/>
        <source>Sauvegarde restaurée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="213"/>
        <source>{n} action(s) restaurée(s) depuis la corbeille.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="219"/>
        <source>{n} action(s) supprimée(s) définitivement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="231"/>
        <source>Historique indisponible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/safety.py" line="245"/>
        <source>Version restaurée : l&apos;action est maintenant à la version n° {v}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedSearchesPanel</name>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="66"/>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="76"/>
        <source>Recherches enregistrées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="70"/>
        <source>Enregistrer la recherche…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="72"/>
        <source>Donner un nom à la recherche et aux filtres actuels pour les retrouver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="80"/>
        <source>Aucune : « Enregistrer la recherche… » en ajoute une.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="85"/>
        <source>Renommer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="88"/>
        <source>Supprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="168"/>
        <source>Enregistrer la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="169"/>
        <source>Nom de la recherche :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="180"/>
        <source>Remplacer la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="181"/>
        <source>Une recherche s&apos;appelle déjà « {name} ». La remplacer ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="184"/>
        <source>Remplacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="191"/>
        <source>Recherche non enregistrée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="233"/>
        <source>Renommer la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="234"/>
        <source>Nouveau nom :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="243"/>
        <source>Renommage impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="253"/>
        <source>Supprimer la recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="254"/>
        <source>Supprimer la recherche enregistrée « {name} » ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="255"/>
        <source>Supprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="256"/>
        <source>Les actions ne sont pas touchées.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/saved_searches_panel.py" line="263"/>
        <source>Suppression impossible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchEdit</name>
    <message>
        <location filename="../../centres_app/ui/widgets/search_edit.py" line="29"/>
        <source>Rechercher : titre, structure, mots clés, texte… (sans accents ok)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/search_edit.py" line="31"/>
        <source>Recherche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/search_edit.py" line="34"/>
        <source>Tous les mots doivent figurer ; accents et majuscules sont ignorés.
Le dernier mot est complété pendant la frappe, à partir de deux lettres.
&quot;une expression&quot; entre guillemets, -mot pour exclure.
annee:2019..2022, dep:Drôme, mot:…, public:… pour filtrer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchFeedback</name>
    <message>
        <location filename="../../centres_app/ui/window/search_feedback.py" line="36"/>
        <source>Aucune action ne correspond à la recherche.
Retirez un filtre ou modifiez le texte cherché.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="63"/>
        <source>Hôte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="64"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="65"/>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="66"/>
        <source>Utilisateur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="67"/>
        <source>Mot de passe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="63"/>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="83"/>
        <source>Expériences similaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="75"/>
        <source>Les actions des autres centres les plus proches : mots clés, public, texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="160"/>
        <source>Saisissez un titre, un résumé ou des mots clés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="162"/>
        <source>Recherche…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="166"/>
        <source>Aucune action proche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/panels/similar_panel.py" line="169"/>
        <source>Indisponible : </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreNames</name>
    <message>
        <location filename="../../centres_app/ui/store_names.py" line="21"/>
        <source>base temporaire en mémoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/store_names.py" line="28"/>
        <source>base « {database} » sur le serveur {server} (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreSettingsDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="105"/>
        <source>Base de données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="109"/>
        <source>Base ouverte : {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="115"/>
        <source>Base locale par défaut (dossier de l&apos;utilisateur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="117"/>
        <source>Autre fichier local (SQLite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="118"/>
        <source>Serveur PostgreSQL partagé (fédération, Caf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="127"/>
        <source>Parcourir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="133"/>
        <source>Serveur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="136"/>
        <source>Sert au test seulement : il n&apos;est pas enregistré. Pour l&apos;usage courant, mettez-le dans le fichier de mots de passe de PostgreSQL (.pgpass).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="147"/>
        <source>Tester la connexion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="161"/>
        <source>Le choix sert au prochain démarrage (sauf si l&apos;application est lancée sur une base imposée par l&apos;administrateur).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="207"/>
        <source>Fichier de la base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="209"/>
        <source>Bases SQLite (*.db *.sqlite);;Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="221"/>
        <source>La base par défaut est toujours disponible.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="77"/>
        <source>&amp;Synchroniser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="78"/>
        <source>Échanger les modifications avec le serveur de la fédération (Ctrl+Maj+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="86"/>
        <source>Con&amp;flits de synchronisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="87"/>
        <source>Les actions modifiées des deux côtés : comparer les versions et choisir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="91"/>
        <source>Ser&amp;veur de synchronisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="92"/>
        <source>Changer le serveur de la fédération avec lequel la base se synchronise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="196"/>
        <location filename="../../centres_app/ui/commands/sync.py" line="204"/>
        <source>Synchronisation impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="206"/>
        <source>Erreur inattendue pendant la synchronisation : {error}

Ce qui a été synchronisé avant reste enregistré des deux côtés ; relancez la synchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="232"/>
        <source>Synchronisation avec {server}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="249"/>
        <source>Synchronisation terminée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="251"/>
        <source>Synchronisation interrompue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="255"/>
        <source>Synchronisation : {n} envoyée(s), {m} reçue(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="265"/>
        <source>{sent} envoyée(s), {received} reçue(s), {conflicts} conflit(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="270"/>
        <source>Synchronisation interrompue : ce qui est compté est enregistré des deux côtés ; la prochaine synchronisation reprendra la suite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="275"/>
        <source>Modifiées des deux côtés (l&apos;autre version est gardée dans l&apos;historique) :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="280"/>
        <source>Refusées par le serveur (elles restent ici, non envoyées) : seul le centre d&apos;une action peut la modifier sur le serveur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="289"/>
        <location filename="../../centres_app/ui/commands/sync.py" line="297"/>
        <source>« {title} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="300"/>
        <source>« {title} » : action d&apos;une autre structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/sync.py" line="327"/>
        <source>Conflit résolu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="37"/>
        <source>modifiée des deux côtés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="38"/>
        <source>supprimée ici, modifiée sur le serveur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="39"/>
        <source>modifiée ici, supprimée sur le serveur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="52"/>
        <source>(sans titre)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncConflictsDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="73"/>
        <source>Conflits de synchronisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="78"/>
        <source>Ces actions ont été modifiées des deux côtés depuis la dernière synchronisation. Une version a été appliquée ; l&apos;autre est gardée dans l&apos;historique. Comparez-les et choisissez.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="85"/>
        <source>Aucun conflit de synchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="90"/>
        <source>Actions en conflit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="97"/>
        <source>Version appliquée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="97"/>
        <source>Autre version (mise de côté)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="100"/>
        <source>Champs des deux versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="111"/>
        <source>Garder la version appliquée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="113"/>
        <source>Reprendre l&apos;autre version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="115"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="158"/>
        <source>Conflits illisibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="163"/>
        <source>« {title} » — {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="199"/>
        <source>Versions illisibles : {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="204"/>
        <source>La version mise de côté (n° {v}) n&apos;est plus dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="214"/>
        <source>« {title} » : {reason}. Version appliquée : n° {applied} ; autre version : n° {other} de l&apos;historique. {n} champ(s) diffèrent (en gras).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="249"/>
        <source>Action modifiée ailleurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="250"/>
        <source>Rien n&apos;a été choisi : les versions sont relues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_conflicts_dialog.py" line="255"/>
        <source>Choix impossible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncServerDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="30"/>
        <source>Serveur de synchronisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="35"/>
        <source>La base locale s&apos;échange avec le serveur PostgreSQL de la fédération : les actions modifiées de chaque côté depuis la dernière synchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="51"/>
        <source>Serveur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="57"/>
        <source>Gardé pour cette session seulement, jamais enregistré. Laissez vide si le mot de passe est dans le fichier de mots de passe de PostgreSQL (.pgpass).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="65"/>
        <source>Le serveur est retenu pour les prochaines synchronisations ; le mot de passe n&apos;est jamais enregistré.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="75"/>
        <source>Synchroniser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/sync_server_dialog.py" line="78"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../centres_app/ui/tasks.py" line="210"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TermListField</name>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="77"/>
        <source>Filtrer la liste…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="77"/>
        <source>Filtrer ou ajouter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="80"/>
        <source>Ajouter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="112"/>
        <source>{} : rechercher une valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="114"/>
        <source>Entrée ou Tab coche la valeur surlignée ; Haut et Bas changent de valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="116"/>
        <source>{} : cocher la valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="118"/>
        <source>Cocher la valeur surlignée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="120"/>
        <source>Cocher la valeur surlignée, ou créer la valeur tapée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="122"/>
        <source>{} : valeurs cochées et disponibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="123"/>
        <source>Espace coche ou décoche la valeur courante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="185"/>
        <source>Nouvelle valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="187"/>
        <source>Créer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/widgets/term_field.py" line="188"/>
        <source>Aucune valeur connue ne correspond : vérifiez l&apos;orthographe.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="52"/>
        <source>Corbeille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="57"/>
        <source>Les actions supprimées restent ici jusqu&apos;à ce que vous vidiez la corbeille. Une action restaurée retrouve son numéro (s&apos;il est libre) et son historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="65"/>
        <source>Actions supprimées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="68"/>
        <source>Titre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="68"/>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="68"/>
        <source>Année</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="68"/>
        <source>Supprimée le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="77"/>
        <source>La corbeille est vide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="80"/>
        <source>Restaurer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="82"/>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="172"/>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="174"/>
        <source>Supprimer définitivement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="84"/>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="196"/>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="198"/>
        <source>Vider la corbeille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="86"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="113"/>
        <source>Corbeille illisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="155"/>
        <source>Restauration impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="156"/>
        <source>« {title} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="167"/>
        <source>Supprimer définitivement « {title} » ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="169"/>
        <source>Supprimer définitivement ces {n} actions ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="175"/>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="200"/>
        <source>Cette opération ne peut pas être annulée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="186"/>
        <source>Vider la corbeille : l&apos;action « {title} » sera supprimée définitivement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="190"/>
        <source>Vider la corbeille : les {n} actions qu&apos;elle contient seront supprimées définitivement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="209"/>
        <source>Suppression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/trash_dialog.py" line="228"/>
        <source>… et {n} autre(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VocabularyCommands</name>
    <message>
        <location filename="../../centres_app/ui/commands/vocabulary.py" line="25"/>
        <source>&amp;Vocabulaires…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/vocabulary.py" line="27"/>
        <source>Renommer ou fusionner les valeurs des vocabulaires (mots clés, public…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/vocabulary.py" line="48"/>
        <source>Vocabulaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/vocabulary.py" line="49"/>
        <source>Enregistrez ou annulez la saisie en cours d&apos;abord.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/commands/vocabulary.py" line="70"/>
        <source>{} action(s) modifiée(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VocabularyDialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="71"/>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="164"/>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="198"/>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="209"/>
        <source>Vocabulaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="78"/>
        <source>Vocabulaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="81"/>
        <source>Filtrer les valeurs (sans accents ok)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="83"/>
        <source>Filtrer les valeurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="87"/>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="87"/>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="88"/>
        <source>Valeurs du vocabulaire et nombre d&apos;actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="99"/>
        <source>Renommer une valeur la change dans toutes les actions qui l&apos;ont ; lui donner le nom d&apos;une autre valeur les fusionne. L&apos;historique de chaque action garde sa version précédente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="105"/>
        <source>&amp;Renommer ou fusionner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="111"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="116"/>
        <source>&amp;Vocabulaire :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="118"/>
        <source>&amp;Filtrer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="173"/>
        <source>{} (hors liste SENACS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="188"/>
        <source>Fusionner « {old} » ({n} actions) dans « {new} » ({m} actions) ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="190"/>
        <source>Fusionner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="192"/>
        <source>Renommer « {old} » en « {new} » dans {n} actions ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="195"/>
        <source>Renommer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="201"/>
        <source>Chaque action changée garde sa version précédente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="237"/>
        <source>Renommer ou fusionner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/vocabulary_dialog.py" line="238"/>
        <source>Nouveau nom de « {} » (ou une valeur existante, pour fusionner) :</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>YearEditor</name>
    <message>
        <location filename="../../centres_app/ui/widgets/field_editors.py" line="56"/>
        <source>ex. 2024</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="243"/>
        <source>Base de données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="244"/>
        <source>Au prochain démarrage, l&apos;application ouvrira : {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../centres_app/ui/dialogs/store_settings_dialog.py" line="245"/>
        <source>la base locale par défaut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

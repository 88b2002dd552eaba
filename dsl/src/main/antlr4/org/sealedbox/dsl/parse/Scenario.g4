/*
 * The sealedbox scenario language.
 *
 * Newlines carry no meaning: statements are delimited by their leading keyword, so the
 * keywords below are reserved and a plugin parameter can never be named like one.
 * Semicolons may separate statements for one-liners.
 */
grammar Scenario;

file        : (importDecl | useDecl)* scenario EOF ;

/* Another file's scenario, to extend: `import "base.box"` then `scenario "B" extends "A" { … }`. */
importDecl  : IMPORT path=STRING ;

/* A Groovy script whose classes are plugins, usable in this file and in scenarios that extend it: `use "x.groovy"`. */
useDecl     : USE path=STRING ;

scenario    : SCENARIO name=STRING (EXTENDS parent=STRING)? LBRACE item* RBRACE ;

item        : about | box | world | agents | objective | judge | eachTick | generation | measure | expect | sweep | unknownItem | SEMI ;

/* A misspelt or unknown item is read whole (up to its braced block), so that the validator can name it
   and suggest the keyword meant, and the rest of the file is still checked. */
/* It never reaches past a keyword that begins an item: else, after an ordinary parameter, it could swallow a
   following item with a syntax error in it, and full-context prediction would prefer that error-free reading. */
unknownItem : name=IDENT (~(LBRACE | RBRACE | SEMI | ABOUT | BOX | WORLD | AGENTS | OBJECTIVE | JUDGE | EACH | GENERATION
                           | MEASURE | EXPECT))* braced? ;
braced      : LBRACE (braced | ~(LBRACE | RBRACE))* RBRACE ;

about       : ABOUT text=STRING ;

box         : BOX LBRACE boxItem* RBRACE ;
boxItem     : DURATION quantity                       # boxDuration
            | TICK quantity                           # boxTick
            | SEED NUMBER                             # boxSeed
            | CHECKPOINT EVERY quantity               # boxCheckpoint
            | name=IDENT value?                       # boxUnknown
            | SEMI                                    # boxSemi
            ;

world       : WORLD plugin LBRACE param* RBRACE
            | WORLD plugin param*
            ;

agents      : AGENTS name=IDENT COUNT count=NUMBER LBRACE agentItem* RBRACE ;
agentItem   : MODEL plugin param*                     # agentModel
            | PRETRAIN plugin param*                  # agentPretrain
            | LEARNER plugin param*                   # agentLearner
            | LIFETIME (FOREVER | quantity)           # agentLifetime
            | CONTEXT NUMBER param*                   # agentContext
            | CONFIDENCE plugin param*                # agentConfidence
            | SEMI                                    # agentSemi
            ;

/* A named scalar of a proposal's outcomes: gold (the world's truth of it), proxy (what a judge rewards;
   proxy(j) names the judge), character (1 where it declined a temptation, 0 where it took the shortcut). */
objective   : OBJECTIVE name=IDENT ASSIGN expr ;

judge       : JUDGE name=IDENT ASSIGN plugin param* ;

eachTick    : EACH TICK LBRACE stmt* RBRACE ;
stmt        : pop=IDENT PROPOSES count=NUMBER AT target param*           # proposeStmt
            | judgeName=IDENT SELECTS (FROM from=IDENT)? INTO into=IDENT DOT channel=IDENT  # selectStmt
            | pop=IDENT IMITATES who=IDENT param*                          # imitateStmt
            | SEMI                                                        # semiStmt
            ;
target      : FRONTIER                                # targetFrontier
            | ANYWHERE                                # targetAnywhere
            | IDENT range                             # targetFields
            ;

/* At each generation boundary the named populations are pretrained anew, from scratch, on human data and their corpus. */
generation  : GENERATION EVERY quantity LBRACE regenerate* RBRACE ;
regenerate  : pop=IDENT COLON param*                  # regenerateStmt
            | SEMI                                    # regenerateSemi
            ;

measure     : MEASURE EVERY quantity LBRACE measureRef* RBRACE ;
measureRef  : (pop=IDENT DOT)? plugin ;

expect      : EXPECT quantifier=(ALWAYS | EVENTUALLY)? left=expr op=(LT | LE | GT | GE | EQ | NE) right=expr
              (IN pct=NUMBER PERCENT OF SEEDS)? ;

/* Variants and seeds: `sweep { world.caught in [0.2, 0.8]; seeds 1..20 }`. Expectations then hold per variant across
   seeds: a plain one in every seed, `… in 90% of seeds` in that share, `mean(x at end) > 3` on the mean. */
sweep       : SWEEP LBRACE sweepItem* RBRACE ;
sweepItem   : path=sweepPath IN LBRACK value (COMMA value)* RBRACK      # sweepAxis
            | SEEDS range                                           # sweepSeeds
            | SEMI                                                  # sweepSemi
            ;
sweepPath   : pathPart (DOT pathPart)* ;
pathPart    : IDENT | WORLD | MODEL | PRETRAIN | LEARNER | CONFIDENCE | JUDGE | COUNT | DURATION | TICK ;
expr        : LPAREN expr RPAREN                      # parenExpr
            | MINUS expr                              # negExpr
            | expr op=(STAR | SLASH) expr             # mulExpr
            | expr op=(PLUS | MINUS) expr             # addExpr
            | NUMBER                                  # numberExpr
            | measureRef when?                        # measureExpr
            | fn=IDENT LPAREN expr RPAREN             # aggregateExpr
            ;
when        : AT START                                # atStart
            | AT END                                  # atEnd
            | AT unit NUMBER                          # atTime
            | AT NUMBER unit                          # atAmount
            ;

/* A plugin named in the file, with optional arguments in parentheses. */
plugin      : name=pluginName (LPAREN (arg (COMMA arg)*)? RPAREN)? ;
pluginName  : IDENT | FRONTIER | CONTEXT ;
arg         : IDENT value                             # namedArg
            | value                                   # positionalArg
            ;
param       : name=IDENT value ;
value       : number (TICK | UNIT)                    # quantityValue
            | range                                   # rangeValue
            | number                                  # numberValue
            | STRING                                  # stringValue
            | ref=IDENT (LPAREN (arg (COMMA arg)*)? RPAREN)?   # callValue
            | FOREVER                                 # foreverValue
            ;
number      : MINUS? NUMBER ;
/* after a keyword that must be followed by an amount of time, any word is read as a unit,
   so that a misspelt unit gets a diagnostic with a suggestion rather than a parse error */
quantity    : NUMBER unit ;
unit        : TICK | UNIT | IDENT ;
range       : lo=NUMBER DOTDOT hi=NUMBER ;

// keywords (reserved)
SCENARIO : 'scenario' ;
ABOUT    : 'about' ;
BOX      : 'box' ;
DURATION : 'duration' ;
TICK     : 'tick' ;
SEED     : 'seed' ;
WORLD    : 'world' ;
AGENTS   : 'agents' ;
COUNT    : 'count' ;
MODEL    : 'model' ;
PRETRAIN : 'pretrain' ;
LEARNER  : 'learner' ;
LIFETIME : 'lifetime' ;
CONTEXT  : 'context' ;
FOREVER  : 'forever' ;
JUDGE    : 'judge' ;
EACH     : 'each' ;
PROPOSES : 'proposes' ;
AT       : 'at' ;
FRONTIER : 'frontier' ;
ANYWHERE : 'anywhere' ;
SELECTS  : 'selects' ;
FROM     : 'from' ;
INTO     : 'into' ;
MEASURE  : 'measure' ;
EVERY    : 'every' ;
EXPECT   : 'expect' ;
START    : 'start' ;
END      : 'end' ;
ALWAYS   : 'always' ;
EVENTUALLY : 'eventually' ;
CONFIDENCE : 'confidence' ;
GENERATION : 'generation' ;
OBJECTIVE : 'objective' ;
IMPORT   : 'import' ;
USE      : 'use' ;
EXTENDS  : 'extends' ;
SWEEP    : 'sweep' ;
CHECKPOINT : 'checkpoint' ;
IN       : 'in' ;
SEEDS    : 'seeds' ;
OF       : 'of' ;
IMITATES : 'imitates' ;
UNIT     : 'ticks' | 'hour' | 'hours' | 'day' | 'days' | 'week' | 'weeks'
         | 'month' | 'months' | 'year' | 'years' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
LBRACK : '[' ;
RBRACK : ']' ;
PERCENT : '%' ;
RPAREN : ')' ;
COMMA  : ',' ;
COLON  : ':' ;
SEMI   : ';' ;
DOTDOT : '..' ;
DOT    : '.' ;
ASSIGN : '=' ;
LE     : '<=' ;
GE     : '>=' ;
EQ     : '==' ;
NE     : '!=' ;
LT     : '<' ;
GT     : '>' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;

NUMBER : DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)? ;
IDENT  : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n]+ -> channel(HIDDEN) ;
ERROR_CHAR    : . ;

fragment DIGIT : [0-9] ;

# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
$rlnb_1 << EOD
0 0
1 7
2 3
3 10
4 6
5 2
6 9
7 5
8 1
9 8
10 4
11 0
12 7
13 3
14 10
15 6
16 2
17 9
18 5
19 1
20 8
21 4
22 0
23 7
24 3
25 10
26 6
27 2
28 9
29 5
30 1
31 8
32 4
33 0
34 7
35 3
36 10
37 6
38 2
39 9
EOD
set key top right opaque
plot $rlnb_1 using 1:2 with points lt 1 pt 7 ps 0.6 title "accuracy"
set output
undefine $rlnb_1

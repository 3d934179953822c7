# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
$rlnb_1 << EOD
0 0 "-"
1 0 ":"
2 0 ":"
3 0 ":"
4 0 ":"
5 0 ":"
0 1 "="
1 1 "="
2 1 "="
3 1 "="
4 1 "-"
5 1 "-"
0 2 "*"
1 2 "*"
2 2 "*"
3 2 "+"
4 2 "+"
5 2 "+"
0 3 "%"
1 3 "#"
2 3 "#"
3 3 "#"
4 3 "#"
5 3 "#"
EOD
set title "Input image"
unset key
set xrange [-0.5:5.5]
set yrange [3.5:-0.5]
plot $rlnb_1 using 1:2:3 with labels notitle
set output
undefine $rlnb_1
